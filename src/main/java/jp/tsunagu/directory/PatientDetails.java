package jp.tsunagu.directory;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import jp.tsunagu.shared.PersonName;
import jp.tsunagu.shared.Prefecture;

/** What the directory knows about a patient besides the portal's own id. */
public record PatientDetails(
        PersonName name,
        LocalDate birthDate,
        Sex sex,
        Optional<Prefecture> prefecture,
        Optional<String> postalCode,
        Optional<String> address,
        Optional<String> phone,
        Optional<String> email,
        List<Identifier> identifiers) {

    public PatientDetails {
        identifiers = List.copyOf(identifiers);
    }
}
