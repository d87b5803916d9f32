package jp.tsunagu.directory;

import java.util.UUID;

/** The portal's own id of a patient; never shown in URLs (views keep it in the session). */
public record PatientId(UUID value) {

    public static PatientId random() {
        return new PatientId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
