package jp.tsunagu.sharing;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jp.tsunagu.audit.AccessEntry.Action;
import jp.tsunagu.audit.AccessEntry.Outcome;
import jp.tsunagu.audit.AccessLog;
import jp.tsunagu.audit.NewAccess;
import jp.tsunagu.audit.RecentRead;
import jp.tsunagu.consent.AccessDecisions;
import jp.tsunagu.directory.Directory;
import jp.tsunagu.directory.Organisation;
import jp.tsunagu.directory.OrganisationId;
import jp.tsunagu.directory.Patient;
import jp.tsunagu.directory.PatientId;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A clinician finds a patient by the portal's patient id, or by full name and birth date together.
 * Only patients who share something with the clinician's organisation, or who are treated there, can
 * be found; anybody else is indistinguishable from nobody (no enumeration: the same empty answer, no
 * partial matches, no "someone with that name exists").
 */
@Service
public class PatientFinder {

    private final Directory directory;
    private final AccessDecisions decisions;
    private final AccessLog log;
    private final Clock clock;

    PatientFinder(Directory directory, AccessDecisions decisions, AccessLog log, Optional<Clock> clock) {
        this.directory = directory;
        this.decisions = decisions;
        this.log = log;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /** By the portal patient id (as the patient shows it on their phone). */
    @PreAuthorize("hasRole('CLINICIAN')")
    @Transactional
    public List<FoundPatient> byPortalId(String portalId) {
        Optional<PatientId> id;
        try {
            id = Optional.of(new PatientId(UUID.fromString(portalId.strip())));
        } catch (IllegalArgumentException e) {
            id = Optional.empty();
        }
        return id.map(List::of).map(this::inScope).orElse(List.of());
    }

    /**
     * By full name (kanji or kana; spaces do not matter) and birth date, both required.
     *
     * @throws IllegalArgumentException {@code sharing.search.needBoth} when either is missing
     */
    @PreAuthorize("hasRole('CLINICIAN')")
    @Transactional
    public List<FoundPatient> byNameAndBirthDate(String name, Optional<LocalDate> birthDate) {
        if (name.isBlank() || birthDate.isEmpty()) {
            throw new IllegalArgumentException("sharing.search.needBoth");
        }
        return inScope(directory.candidates(name, birthDate.get()));
    }

    /** How many recent patients the desk lists, and how far back it looks. */
    static final int RECENT_LIMIT = 10;
    static final Duration RECENT_PERIOD = Duration.ofDays(30);

    /**
     * The patients this clinician opened in the last 30 days, newest first (at most 10), each only if a search
     * would find them now: a patient who has since withdrawn their consent and is not treated here is left out,
     * exactly as the search leaves them out. Derived from the access log's rows of this clinician's own reads
     * rather than from a table of its own: the log already holds every opening, written in the read's own
     * transaction, so the list can never show an opening that did not happen nor miss one, and nothing
     * about who looked at whom is kept twice. Each patient shown is logged like a search result.
     */
    @PreAuthorize("hasRole('CLINICIAN')")
    @Transactional
    public List<RecentPatient> recent() {
        Optional<OrganisationId> organisation = directory.signedInOrganisation().map(Organisation::id);
        if (organisation.isEmpty()) {
            return List.of();
        }
        List<RecentRead> reads = log.myRecentReads(clock.instant().minus(RECENT_PERIOD), RECENT_LIMIT);
        List<RecentPatient> recent = new java.util.ArrayList<>();
        for (RecentRead read : reads) {
            for (FoundPatient patient : visible(List.of(new PatientId(read.patient())), organisation.get())) {
                log.record(new NewAccess(Optional.of(patient.id().value()), List.of(), Optional.empty(),
                        Action.SEARCHED, Outcome.PERMITTED, "recent-patients"));
                recent.add(new RecentPatient(patient, read.at()));
            }
        }
        return recent;
    }

    /**
     * The candidates the clinician's organisation may see; each one shown (name, birth date, sex) is a
     * read logged in this transaction, and a search that shows nobody is logged too (repeated empty
     * searches are how someone probes for a person).
     */
    private List<FoundPatient> inScope(List<PatientId> candidates) {
        Optional<OrganisationId> organisation = directory.signedInOrganisation().map(Organisation::id);
        if (organisation.isEmpty()) {
            return List.of();
        }
        List<FoundPatient> found = visible(candidates, organisation.get());
        if (found.isEmpty()) {
            log.record(new NewAccess(Optional.empty(), List.of(), Optional.empty(), Action.SEARCHED,
                    Outcome.PERMITTED, "patient-search: no match"));
        }
        for (FoundPatient patient : found) {
            log.record(new NewAccess(Optional.of(patient.id().value()), List.of(), Optional.empty(), Action.SEARCHED,
                    Outcome.PERMITTED, "patient-search"));
        }
        return found;
    }

    private List<FoundPatient> visible(List<PatientId> candidates, OrganisationId organisation) {
        return candidates.stream().flatMap(id -> {
            boolean treats = directory.treats(id, organisation);
            boolean shares = decisions.sharesAnythingWith(id, organisation, treats);
            if (!treats && !shares) {
                return java.util.stream.Stream.empty();
            }
            return directory.patient(id).map(p -> found(p, shares, treats)).stream();
        }).toList();
    }

    private static FoundPatient found(Patient patient, boolean shares, boolean treats) {
        return new FoundPatient(patient.id(), patient.details().name(), patient.details().birthDate(),
                patient.details().sex(), shares, treats);
    }
}
