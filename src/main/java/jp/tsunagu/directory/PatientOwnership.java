package jp.tsunagu.directory;

import java.util.UUID;

import org.springframework.stereotype.Component;

/**
 * For access rules of modules below the directory (the access log): is this patient id the signed-in
 * patient's own? Used from SpEL as {@code @patientOwnership.isSignedInPatient(#patient)}.
 */
@Component("patientOwnership")
public class PatientOwnership {

    private final Directory directory;

    PatientOwnership(Directory directory) {
        this.directory = directory;
    }

    public boolean isSignedInPatient(UUID patient) {
        var authentication = org.springframework.security.core.context.SecurityContextHolder.getContext()
                .getAuthentication();
        boolean isPatient = authentication != null && authentication.getAuthorities().stream()
                .anyMatch(a -> "ROLE_PATIENT".equals(a.getAuthority()));
        return isPatient && directory.signedInPatient().map(p -> p.id().value().equals(patient)).orElse(false);
    }
}
