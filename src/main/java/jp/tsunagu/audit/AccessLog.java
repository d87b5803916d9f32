package jp.tsunagu.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jp.tsunagu.audit.persistence.AccessLogStore;
import jp.tsunagu.identity.Actor;
import jp.tsunagu.identity.ActorService;
import jp.tsunagu.identity.ApiClients;
import jp.tsunagu.identity.Authorities;
import jp.tsunagu.shared.JapanTime;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The access log. Features report what they did; the log adds who (from the security context) and
 * when, and chains the row. {@link #record} joins the caller's transaction and refuses to run without
 * one: a read and its log row commit together or not at all.
 */
@Service
public class AccessLog {

    /** Who may read any patient's log or check the chain: data stewards and the system. */
    static final String STEWARD_OR_SYSTEM = "hasRole('STEWARD') or " + Authorities.IS_SYSTEM;

    private final AccessLogStore store;
    private final ActorService actors;
    private final ApiClients apiClients;
    private final AuditProperties properties;
    private final ChainKeys keys;
    private final ChainCheckpoints checkpoints;
    private final Clock clock;

    AccessLog(AccessLogStore store, ActorService actors, ApiClients apiClients, AuditProperties properties,
            ChainKeys keys, ChainCheckpoints checkpoints, Optional<Clock> clock) {
        this.store = store;
        this.keys = keys;
        this.checkpoints = checkpoints;
        this.actors = actors;
        this.apiClients = apiClients;
        this.properties = properties;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /**
     * Who reports what they did: the system's jobs and commands, hospital systems sending records, clinicians,
     * stewards and sponsors (each checked by the service that reports), and a patient about her own record only.
     */
    @PreAuthorize("hasAnyAuthority('" + Authorities.SYSTEM + "','" + Authorities.FHIR_IMPORT + "')"
            + " or hasAnyRole('CLINICIAN','STEWARD','SPONSOR')"
            + " or @patientOwnership.isSignedInPatient(#access.patient().orElse(null))")
    @Transactional(propagation = Propagation.MANDATORY)
    public AccessEntry record(NewAccess access) {
        Who who = who();
        return store.append(new AccessEntry(0, clock.instant(), who.subject(), who.name(), who.role(),
                who.organisation(), access.patient(), access.categories(), access.purpose(), access.action(),
                access.outcome(), access.reason()));
    }

    /**
     * Entries about one patient, newest first. The patient themself (checked by the directory's
     * {@code patientOwnership} bean, so this module needs no patient type), stewards and the system.
     */
    @PreAuthorize(STEWARD_OR_SYSTEM + " or @patientOwnership.isSignedInPatient(#patient)")
    @Transactional(readOnly = true)
    public List<AccessEntry> aboutPatient(UUID patient, int limit) {
        return store.aboutPatient(patient, limit);
    }

    /**
     * The patients whose records the signed-in clinician read (opened) since a moment, newest first: their own
     * reads only, for their list of recent patients. Whom of them they may still see is the caller's decision.
     */
    @PreAuthorize("hasRole('CLINICIAN')")
    @Transactional(readOnly = true)
    public List<RecentRead> myRecentReads(Instant since, int limit) {
        return actors.currentActor().map(me -> store.recentReadsBy(me.subject(), since, limit)).orElse(List.of());
    }

    /**
     * The stewards' search: by patient, actor, organisation and period, newest first (at most 500 rows).
     * Reading the log is itself logged (who searched, about which patient, how many rows it showed).
     */
    @PreAuthorize(STEWARD_OR_SYSTEM)
    @Transactional
    public List<AccessEntry> search(LogQuery query) {
        List<AccessEntry> found = store.search(query, 500);
        record(new NewAccess(query.patient(), List.of(), Optional.empty(), AccessEntry.Action.SEARCHED,
                AccessEntry.Outcome.PERMITTED, "access-log-search: " + found.size() + " rows"));
        return found;
    }

    /**
     * Walks the whole chain against its keys and the checkpoints outside the database, and names the
     * first problem, if any.
     */
    @PreAuthorize(STEWARD_OR_SYSTEM)
    @Transactional(readOnly = true)
    public ChainCheck verify() {
        return new ChainVerification(store, keys, checkpoints).run();
    }

    /** The newest checkpoint written outside the database, for the steward's screen. */
    @PreAuthorize(STEWARD_OR_SYSTEM)
    public Optional<ChainCheckpoints.Checkpoint> latestCheckpoint() {
        List<ChainCheckpoints.Checkpoint> written = checkpoints.read();
        return written.isEmpty() ? Optional.empty() : Optional.of(written.getLast());
    }

    /** Writes the chain's head to the checkpoint file, unless it is already the newest checkpoint. */
    @PreAuthorize(STEWARD_OR_SYSTEM)
    @Transactional(readOnly = true)
    public Optional<ChainCheckpoints.Checkpoint> checkpoint() {
        return store.head().flatMap(head -> checkpoints.write(head, clock.instant()));
    }

    /**
     * Removes rows past retention through the database owner's purge function (which checks the rule
     * again and records the purge), leaving a MAC-ed anchor the chain is verified from.
     */
    @PreAuthorize(Authorities.IS_SYSTEM)
    @Transactional
    public int purgeExpired() {
        Instant now = clock.instant();
        Instant before = JapanTime.startOfDay(JapanTime.dateOf(now).minus(properties.retention()));
        return store.purgeBefore(before, properties.retention(), now);
    }

    private record Who(String subject, String name, String role, Optional<String> organisation) {
    }

    private Who who() {
        Optional<Actor> actor = actors.currentActor();
        if (actor.isPresent()) {
            return new Who(actor.get().subject(), actor.get().displayName(), actor.get().role().name(),
                    actor.get().organisation());
        }
        var client = apiClients.current();
        if (client.isPresent()) {
            return new Who(client.get().clientId(), client.get().clientId(), "API_CLIENT",
                    client.get().organisationCode());
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        String name = authentication == null ? "anonymous" : authentication.getName();
        return new Who(name, name, "SYSTEM", Optional.empty());
    }
}
