package jp.tsunagu.research.studies;

import java.time.Instant;
import java.util.Optional;

import jp.tsunagu.research.Criterion;
import jp.tsunagu.research.InvalidCriteriaException;
import jp.tsunagu.research.StudyId;

/** A registered study as sponsors, stewards and invited patients read it. */
public record Study(StudyId id, String sponsorName, String title, String summary, String sites, String contact,
        Criterion criteria, Status status, Instant submittedAt, Optional<Instant> reviewedAt,
        Optional<String> reviewNote) {

    public enum Status { SUBMITTED, APPROVED, REJECTED }

    /** What a sponsor enters; each text is required and has a length limit (the form says which). */
    public record Draft(String title, String summary, String sites, String contact, Criterion criteria) {

        public static final int TITLE = 200;
        public static final int SUMMARY = 4000;
        public static final int SITES = 1000;
        public static final int CONTACT = 500;

        public Draft {
            title = required(title, TITLE, "title");
            summary = required(summary, SUMMARY, "summary");
            sites = required(sites, SITES, "sites");
            contact = required(contact, CONTACT, "contact");
        }

        private static String required(String text, int limit, String field) {
            String t = text.strip();
            if (t.isEmpty()) {
                throw new InvalidCriteriaException("research.study.error.required." + field);
            }
            if (t.length() > limit) {
                throw new InvalidCriteriaException("research.study.error.tooLong." + field, limit);
            }
            return t;
        }
    }
}
