package jp.tsunagu.directory;

import java.util.Collection;
import java.util.Map;

import jp.tsunagu.directory.persistence.DirectoryCopyWriter;
import jp.tsunagu.identity.Authorities;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registers many patients and organisations at once: the synthetic population of the demo mode and
 * the load benchmark. Patients, their identifiers and care relationships go in with PostgreSQL COPY;
 * only the portal itself may do this ({@link Authorities#IS_SYSTEM}).
 *
 * <p>Unlike {@link Directory#registerPatient} nothing here looks for the patient first: the caller
 * asks {@link #patientsByIdentifier} which ones exist and registers the others. An identifier that
 * exists after all fails the whole write, it never duplicates.
 */
@Service
public class DirectoryBulkLoad {

    private final DirectoryCopyWriter writer;

    DirectoryBulkLoad(DirectoryCopyWriter writer) {
        this.writer = writer;
    }

    /**
     * Registers the organisations not registered yet (by identifier) and gives every organisation's id.
     * An existing one keeps its name and kind, as with {@link Directory#organisation(OrganisationDetails)};
     * only what it lacks (prefecture, licensed beds, phone, address) is filled in, e.g. for a hospital
     * first seen as a bare 医療機関コード in a FHIR bundle.
     */
    @PreAuthorize(Authorities.IS_SYSTEM)
    @Transactional
    public Map<Identifier, OrganisationId> registerOrganisations(Collection<OrganisationDetails> organisations) {
        return writer.registerOrganisations(organisations);
    }

    /** The patients holding one of these identifiers in {@code system}, by identifier value. */
    @PreAuthorize(Authorities.IS_SYSTEM)
    @Transactional(readOnly = true)
    public Map<String, PatientId> patientsByIdentifier(String system, Collection<String> values) {
        return writer.patientsByIdentifier(system, values);
    }

    /**
     * Writes the patients with their identifiers and care relationships, in the caller's transaction
     * (or its own), so that their record items can follow in the same one.
     *
     * @return the number of patients written
     */
    @PreAuthorize(Authorities.IS_SYSTEM)
    @Transactional
    public long registerPatients(Collection<BulkPatient> patients) {
        return writer.copyPatients(patients);
    }
}
