package jp.tsunagu.research;

import java.util.UUID;

public record StudyId(UUID value) {

    public static StudyId random() {
        return new StudyId(UUID.randomUUID());
    }
}
