package jp.tsunagu.consent;

import java.util.UUID;

/** A directive across its versions. */
public record DirectiveId(UUID value) {

    public static DirectiveId random() {
        return new DirectiveId(UUID.randomUUID());
    }
}
