package jp.tsunagu.directory;

public record Organisation(OrganisationId id, OrganisationDetails details) {

    public String name() {
        return details.name();
    }
}
