package jp.tsunagu.directory;

import java.util.Collection;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * For access rules that depend on whose record it is, used from SpEL as
 * {@code @patientOwnership.isSignedInPatient(#patient)} and the like: the signed-in patient's own record, and
 * the patients in the care of the signed-in clinician's hospital. They let a patient's upload and download and
 * a clinician's upload run with the person's own permission (ADR 0010) instead of the system's, and let modules
 * below the directory (the access log) ask without a patient type. Each answers false for any other role.
 */
@Component("patientOwnership")
public class PatientOwnership {

    private final Directory directory;

    PatientOwnership(Directory directory) {
        this.directory = directory;
    }

    /** The signed-in patient's own record. */
    public boolean isSignedInPatient(@Nullable UUID patient) {
        return patient != null && hasRole("ROLE_PATIENT")
                && directory.signedInPatient().map(p -> p.id().value().equals(patient)).orElse(false);
    }

    /** A patient the signed-in clinician's hospital treats (a care relationship in the directory). */
    public boolean isInSignedInClinicianCare(@Nullable UUID patient) {
        return patient != null && clinicianOrganisation()
                .map(o -> directory.treats(new PatientId(patient), o.id())).orElse(false);
    }

    /** The signed-in clinician's own hospital. */
    public boolean actsFor(@Nullable OrganisationId organisation) {
        return organisation != null && clinicianOrganisation().map(o -> o.id().equals(organisation)).orElse(false);
    }

    /** The signed-in clinician's own hospital, by its 医療機関コード. */
    public boolean actsForInstitution(@Nullable Identifier organisation) {
        return organisation != null
                && clinicianOrganisation().map(o -> o.details().identifier().equals(organisation)).orElse(false);
    }

    /** Items attributed to the signed-in clinician's hospital only (at least one attribution, all of it theirs). */
    public boolean actsForEach(Collection<OrganisationId> organisations) {
        return !organisations.isEmpty() && organisations.stream().allMatch(this::actsFor);
    }

    /** Patient numbers all issued by the signed-in clinician's own hospital (none of another's, no national id). */
    public boolean areSignedInClinicianNumbers(Collection<Identifier> identifiers) {
        Optional<String> code = clinicianOrganisation().map(o -> o.details().identifier())
                .filter(i -> i.system().equals(Identifier.MEDICAL_INSTITUTION)).map(Identifier::value);
        return code.isPresent() && !identifiers.isEmpty() && identifiers.stream()
                .allMatch(i -> Identifier.localPatientInstitution(i.system()).filter(code.get()::equals).isPresent());
    }

    private Optional<Organisation> clinicianOrganisation() {
        return hasRole("ROLE_CLINICIAN") ? directory.signedInOrganisation() : Optional.empty();
    }

    private static boolean hasRole(String authority) {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getAuthorities().stream()
                .anyMatch(a -> authority.equals(a.getAuthority()));
    }
}
