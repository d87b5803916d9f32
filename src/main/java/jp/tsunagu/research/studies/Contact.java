package jp.tsunagu.research.studies;

import java.time.Instant;

/** What a patient who accepted an invitation chose to share with the sponsor, and when. */
public record Contact(String name, String phone, String email, Instant answeredAt) {
}
