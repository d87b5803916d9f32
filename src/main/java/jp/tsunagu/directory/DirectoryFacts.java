package jp.tsunagu.directory;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import jp.tsunagu.directory.persistence.DirectoryStore;
import org.springframework.stereotype.Component;

/**
 * The directory's facts for aggregate uses (the cohort index, the public figures, the research logs):
 * demographics without names or contacts, who the patients are, hospitals with their beds, organisations'
 * names. Other modules read the directory's tables only through here or {@link Directory}, never with SQL of
 * their own.
 * <p>
 * A {@code @Component}, not a {@code @Service}, for the same reason as the record's {@code CountableFacts}:
 * the house rule guards every public method of a service with {@code @PreAuthorize}, while these are read by
 * in-process jobs as the system and inside services that are guarded themselves and release only suppressed
 * aggregates (or, for organisations, public facts). Reads take part in the caller's transaction.
 */
@Component
public class DirectoryFacts {

    private final DirectoryStore store;

    DirectoryFacts(DirectoryStore store) {
        this.store = store;
    }

    /** Birth date, sex and prefecture of every patient, or of one, streamed. */
    public void demographics(Optional<PatientId> only, Demographics each) {
        store.demographics(only, each);
    }

    /** Every patient, in the order they were registered (then by id), so that numbering them is stable. */
    public List<PatientId> patientsInOrder() {
        return store.patientsInOrder();
    }

    public long patientCount() {
        return store.patientCount();
    }

    /** Hospitals with licensed beds, by prefecture and name. */
    public List<Organisation> hospitalsWithBeds() {
        return store.hospitalsWithBeds();
    }

    /** These organisations (public facts: name, prefecture, beds), those that exist. */
    public Map<OrganisationId, Organisation> organisations(Collection<OrganisationId> ids) {
        return ids.isEmpty() ? Map.of()
                : store.organisations(ids).stream().collect(Collectors.toMap(Organisation::id, Function.identity()));
    }

    /** Names of these organisations, those that exist. */
    public Map<OrganisationId, String> organisationNames(Collection<OrganisationId> ids) {
        return ids.isEmpty() ? Map.of() : store.organisationNames(ids);
    }
}
