package jp.tsunagu.record;

import java.util.Optional;

/**
 * Labels a patient may exclude from a grant. Sources mark them with HL7 v3 sensitivity codes in
 * {@code meta.security} (PSY, HIV, GDIS …); the mapping lives in the fhir module.
 */
public enum SensitiveLabel {
    MENTAL_HEALTH, HIV, GENETIC, SEXUAL_HEALTH, SUBSTANCE_USE, REPRODUCTIVE;

    public static Optional<SensitiveLabel> ofName(String name) {
        for (SensitiveLabel label : values()) {
            if (label.name().equals(name)) {
                return Optional.of(label);
            }
        }
        return Optional.empty();
    }
}
