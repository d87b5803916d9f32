package jp.tsunagu.directory;

import java.util.Optional;

import jp.tsunagu.shared.Prefecture;

public record OrganisationDetails(
        OrganisationKind kind,
        String name,
        Optional<Prefecture> prefecture,
        Optional<Integer> licensedBeds,
        Identifier identifier,
        Optional<String> phone,
        Optional<String> address) {

    public static OrganisationDetails of(OrganisationKind kind, String name, Identifier identifier) {
        return new OrganisationDetails(kind, name, Optional.empty(), Optional.empty(), identifier,
                Optional.empty(), Optional.empty());
    }
}
