package jp.tsunagu.identity;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a signed-in session lasts.
 *
 * @param staffIdle clinicians, stewards and sponsors are signed out after this long without using the
 *     portal (an open tab's heartbeats do not count)
 * @param patientIdle the same for patients, on their own phones
 * @param absolute nobody stays signed in longer than this, however active
 * @param warnBefore how long before the idle end the screen warns and offers to continue
 * @param stepUp how recent a sign-in must be for break-the-glass, a whole-record export and a study
 *     approval ({@link StepUp})
 */
@ConfigurationProperties("tsunagu.session")
public record SessionProperties(
        @DefaultValue("15m") Duration staffIdle,
        @DefaultValue("30m") Duration patientIdle,
        @DefaultValue("8h") Duration absolute,
        @DefaultValue("2m") Duration warnBefore,
        @DefaultValue("10m") Duration stepUp) {

    /** The idle limit for a person with these roles: a patient's unless they hold any staff role. */
    public Duration idleFor(java.util.Collection<String> authorities) {
        boolean staff = authorities.stream().anyMatch(a -> a.startsWith("ROLE_") && !a.equals("ROLE_PATIENT"));
        return staff ? staffIdle : patientIdle;
    }
}
