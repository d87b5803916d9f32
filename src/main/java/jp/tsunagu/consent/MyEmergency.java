package jp.tsunagu.consent;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A break-the-glass on the patient's record as her notice shows it: until when it lasts, what was read
 * during it (categories, in the screens' order), the steward's verdict once given, and her objection if she
 * sent one.
 */
public record MyEmergency(EmergencyAccess access, List<String> categoriesRead, Optional<Instant> objectedAt) {

    public MyEmergency {
        categoriesRead = List.copyOf(categoriesRead);
    }
}
