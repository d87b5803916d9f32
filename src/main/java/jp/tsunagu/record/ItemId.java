package jp.tsunagu.record;

import java.util.UUID;

public record ItemId(UUID value) {

    public static ItemId random() {
        return new ItemId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
