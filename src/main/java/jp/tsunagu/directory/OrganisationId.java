package jp.tsunagu.directory;

import java.util.UUID;

public record OrganisationId(UUID value) {

    public static OrganisationId random() {
        return new OrganisationId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
