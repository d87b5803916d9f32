package jp.tsunagu.identity.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.servlet.http.HttpSession;
import jp.tsunagu.identity.SessionProperties;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/** The portal's own session clock: idle by role, heartbeats not counted, an absolute end. */
class SessionLifetimeFilterTest {

    private final SessionProperties properties = new SessionProperties(Duration.ofMinutes(15), Duration.ofMinutes(30),
            Duration.ofHours(8), Duration.ofMinutes(2), Duration.ofMinutes(10));
    private Instant now = Instant.parse("2026-12-07T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final SessionLifetimeFilter filter = new SessionLifetimeFilter(properties, clock);

    @Test
    void aStaffSession_endsAfter15IdleMinutes_althoughHeartbeatsKeepComing() throws Exception {
        MockHttpSession session = signedIn("ROLE_CLINICIAN");
        request(session, false);
        for (int minute = 1; minute <= 16; minute++) {
            now = now.plus(Duration.ofMinutes(1));
            request(session, true);
        }
        assertThat(session.isInvalid()).as("heartbeats for 16 minutes, nobody there").isTrue();
    }

    @Test
    void aPatientSession_lasts30IdleMinutes_andUseKeepsItAlive_untilTheAbsoluteEnd() throws Exception {
        MockHttpSession patient = signedIn("ROLE_PATIENT");
        request(patient, false);
        now = now.plus(Duration.ofMinutes(20));
        request(patient, false);
        assertThat(patient.isInvalid()).as("20 minutes idle is within a patient's 30").isFalse();
        for (int step = 0; step < 8 * 3; step++) {
            now = now.plus(Duration.ofMinutes(20));
            request(patient, false);
            if (patient.isInvalid()) {
                break;
            }
        }
        assertThat(patient.isInvalid()).as("active all along, but 8 hours is the most").isTrue();
        assertThat(Duration.between(Instant.parse("2026-12-07T00:00:00Z"), now)).isGreaterThan(Duration.ofHours(8))
                .isLessThanOrEqualTo(Duration.ofHours(8).plusMinutes(20));
    }

    @Test
    void aStaffMemberWhoKeepsWorking_staysSignedIn() throws Exception {
        MockHttpSession session = signedIn("ROLE_STEWARD");
        for (int step = 0; step < 10; step++) {
            now = now.plus(Duration.ofMinutes(14));
            request(session, false);
        }
        assertThat(session.isInvalid()).isFalse();
    }

    @Test
    void anonymousSessions_areLeftAlone() throws Exception {
        MockHttpSession session = new MockHttpSession();
        request(session, false);
        now = now.plus(Duration.ofHours(9));
        request(session, false);
        assertThat(session.isInvalid()).isFalse();
    }

    private MockHttpSession signedIn(String role) {
        MockHttpSession session = new MockHttpSession();
        session.setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY, new SecurityContextImpl(
                new UsernamePasswordAuthenticationToken("someone", "n/a", List.of(new SimpleGrantedAuthority(role)))));
        return session;
    }

    private void request(HttpSession session, boolean heartbeat) throws Exception {
        if (((MockHttpSession) session).isInvalid()) {
            return;
        }
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/");
        request.setSession(session);
        if (heartbeat) {
            request.setParameter("v-r", "heartbeat");
        }
        filter.doFilter(request, new MockHttpServletResponse(), new MockFilterChain());
    }
}
