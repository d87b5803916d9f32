package jp.tsunagu.directory;

import java.util.Optional;

/**
 * A practitioner as a source names them. {@code sourceKey} is stable at the source (an identifier, or
 * the source's own key), so a resend finds the same practitioner.
 */
public record PractitionerDetails(Optional<OrganisationId> organisation, String name, Optional<String> nameKana,
        String sourceKey) {
}
