package jp.tsunagu.directory;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jp.tsunagu.directory.persistence.DirectoryStore;
import jp.tsunagu.identity.ActorService;
import jp.tsunagu.identity.Authorities;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who is who: patients found by their identifiers, organisations by their 医療機関コード, and which
 * organisations treat which patient. Importers (hospital systems, the import command) write here;
 * readers come through their own modules' services.
 */
@Service
public class Directory {

    /** A patient in the care of the signed-in clinician's hospital (a clinician adding a document). */
    private static final String IN_CLINICIAN_CARE = "@patientOwnership.isInSignedInClinicianCare(#patient.value())";

    /** Patient numbers of the signed-in clinician's own hospital only. */
    private static final String CLINICIAN_BY_OWN_NUMBERS =
            "@patientOwnership.areSignedInClinicianNumbers(#identifiers)";

    private final DirectoryStore store;
    private final ActorService actors;

    Directory(DirectoryStore store, ActorService actors) {
        this.store = store;
        this.actors = actors;
    }

    /**
     * The one patient these identifiers belong to. Identifiers that point at two different patients
     * are a conflict nobody may resolve by guessing. A clinician adding a document looks up only by their own
     * hospital's patient numbers (whether the bundle names another of its patients).
     */
    @PreAuthorize(Authorities.CAN_IMPORT + " or " + CLINICIAN_BY_OWN_NUMBERS)
    @Transactional(readOnly = true)
    public Optional<PatientId> findPatient(Collection<Identifier> identifiers) {
        List<PatientId> matches = store.patientsWithAnyOf(identifiers);
        if (matches.size() > 1) {
            throw new AmbiguousPatientException(identifiers);
        }
        return matches.stream().findFirst();
    }

    @PreAuthorize(Authorities.CAN_IMPORT)
    @Transactional
    public PatientId registerPatient(PatientDetails details) {
        PatientId id = PatientId.random();
        store.insertPatient(id, details);
        return id;
    }

    /**
     * Adds identifiers a source knows the patient by; ones already held are left alone. A clinician adds only
     * their own hospital's numbers, to a patient in its care.
     */
    @PreAuthorize(Authorities.CAN_IMPORT + " or (" + IN_CLINICIAN_CARE + " and " + CLINICIAN_BY_OWN_NUMBERS + ")")
    @Transactional
    public void addIdentifiers(PatientId patient, Collection<Identifier> identifiers) {
        store.addIdentifiers(patient, identifiers);
    }

    /**
     * Candidates for a clinician's search by name (kanji or kana, spaces ignored) and birth date. The
     * caller narrows them to the patients its organisation may see before anything is shown.
     */
    @PreAuthorize("hasRole('CLINICIAN') or " + Authorities.IS_SYSTEM)
    @Transactional(readOnly = true)
    public List<PatientId> candidates(String name, java.time.LocalDate birthDate) {
        return store.byNameAndBirthDate(name.replaceAll("[\\s\u3000]", ""), birthDate);
    }

    /**
     * Importers, clinicians (their callers check consent or care first), stewards reviewing an emergency, and the
     * patient themself (her upload is checked against her entry; her download starts with it).
     */
    @PreAuthorize(Authorities.CAN_IMPORT + " or hasRole('CLINICIAN') or hasRole('STEWARD')"
            + " or @patientOwnership.isSignedInPatient(#id.value())")
    @Transactional(readOnly = true)
    public Optional<Patient> patient(PatientId id) {
        return store.patient(id);
    }

    /**
     * The organisation with this identifier, registered on first sight; later sends do not rename it. A clinician's
     * document may carry their own hospital (registered already, so nothing is written).
     */
    @PreAuthorize(Authorities.CAN_IMPORT + " or @patientOwnership.actsForInstitution(#details.identifier())")
    @Transactional
    public OrganisationId organisation(OrganisationDetails details) {
        return store.organisationId(details.identifier()).orElseGet(() -> {
            OrganisationId id = OrganisationId.random();
            store.insertOrganisation(id, details);
            return store.organisationId(details.identifier()).orElse(id);
        });
    }

    /** Importers; a clinician's document asks for their own hospital. */
    @PreAuthorize(Authorities.CAN_IMPORT + " or @patientOwnership.actsForInstitution(#identifier)")
    @Transactional(readOnly = true)
    public Optional<Organisation> organisation(Identifier identifier) {
        return store.organisationId(identifier).flatMap(store::organisation);
    }

    /** Names of organisations, for provenance lines; a hospital's name is public, so anyone signed in may ask. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public Map<OrganisationId, String> organisationNames(Collection<OrganisationId> ids) {
        return ids.isEmpty() ? Map.of() : store.organisationNames(ids);
    }

    /** The organisations that treat the patient (care relationships): the patient's own list, or the system's. */
    @PreAuthorize(Authorities.IS_SYSTEM + " or @patientOwnership.isSignedInPatient(#patient.value())")
    @Transactional(readOnly = true)
    public List<Organisation> careOrganisations(PatientId patient) {
        return store.careOrganisations(patient);
    }

    /** Whether the organisation treats the patient; asked by the consent decision point for "all treating me". */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public boolean treats(PatientId patient, OrganisationId organisation) {
        return store.treats(patient, organisation);
    }

    /**
     * The organisation the signed-in person acts for (a clinician's 医療機関コード, a sponsor's portal code,
     * from their sign-in), if it is registered: the one place that turns a sign-in into an organisation.
     */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public Optional<Organisation> signedInOrganisation() {
        return actors.currentActor().flatMap(actor -> actor.organisation().map(code -> switch (actor.role()) {
                    case CLINICIAN -> Identifier.medicalInstitution(code);
                    default -> Identifier.portalOrganisation(code);
                }))
                .flatMap(store::organisationId)
                .flatMap(store::organisation);
    }

    /** An organisation by its 医療機関コード (or other identifier): public facts, for anyone signed in. */
    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public Optional<Organisation> organisationOf(Identifier identifier) {
        return store.organisationId(identifier).flatMap(store::organisation);
    }

    /**
     * An organisation's public facts (as {@link #organisationOf}): importers, a clinician's document (their own
     * hospital) and a patient's download (the hospitals that sent her record).
     */
    @PreAuthorize(Authorities.CAN_IMPORT + " or hasRole('CLINICIAN') or " + Authorities.IS_PATIENT)
    @Transactional(readOnly = true)
    public Optional<Organisation> organisation(OrganisationId id) {
        return store.organisation(id);
    }

    /**
     * Records that the organisation treats the patient. True when it did not before: a new treating
     * relationship widens who may find the patient, so the caller tells the patient. A clinician's document
     * names their own hospital for a patient it treats already, so for them this changes nothing.
     */
    @PreAuthorize(Authorities.CAN_IMPORT + " or (" + IN_CLINICIAN_CARE + " and @patientOwnership.actsFor(#organisation))")
    @Transactional
    public boolean recordCare(PatientId patient, OrganisationId organisation) {
        return store.insertCareRelationship(patient, organisation);
    }

    /**
     * Undoes a mis-link a steward confirmed: the organisation no longer treats the patient and its own
     * patient numbers no longer name her, so its next bundle does not find her again.
     */
    @PreAuthorize("hasRole('STEWARD') or " + Authorities.IS_SYSTEM)
    @Transactional
    public void unlinkSender(PatientId patient, OrganisationId organisation) {
        store.deleteCareRelationship(patient, organisation);
        store.organisation(organisation).map(o -> o.details().identifier())
                .filter(i -> i.system().equals(Identifier.MEDICAL_INSTITUTION))
                .ifPresent(code -> store.deleteLocalIdentifiers(patient, code.value()));
    }

    /** A practitioner a sender names; a clinician's document, only those of their own hospital. */
    @PreAuthorize(Authorities.CAN_IMPORT + " or @patientOwnership.actsFor(#details.organisation().orElse(null))")
    @Transactional
    public void practitioner(PractitionerDetails details) {
        store.upsertPractitioner(details);
    }

    /** Links a portal account (OIDC subject) to a patient, e.g. a demo account to its synthetic patient. */
    @PreAuthorize(Authorities.IS_SYSTEM)
    @Transactional
    public void linkAccount(PatientId patient, String subject) {
        store.linkAccount(patient, subject);
    }

    /**
     * The signed-in patient's own entry, found from their account on the server: the one way a patient's
     * screens learn who they are. Empty for an account not (yet) linked to a patient.
     */
    @PreAuthorize(Authorities.IS_PATIENT)
    @Transactional(readOnly = true)
    public Optional<Patient> signedInPatient() {
        return actors.currentActor().flatMap(actor -> store.patientOfAccount(actor.subject())).flatMap(store::patient);
    }

    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public Optional<PatientId> patientOfAccount(String subject) {
        return store.patientOfAccount(subject);
    }
}
