package jp.tsunagu.shared;

import java.util.Optional;

/**
 * A Japanese name as people write it: family name first, in kanji (IDE), with the kana reading (SYL)
 * when known, the two representations JP Core carries side by side.
 */
public record PersonName(String family, String given, Optional<String> familyKana, Optional<String> givenKana) {

    public PersonName {
        if (family.isBlank() && given.isBlank()) {
            throw new IllegalArgumentException("a name needs a family or a given name");
        }
    }

    public static PersonName of(String family, String given, String familyKana, String givenKana) {
        return new PersonName(family, given, Optional.of(familyKana), Optional.of(givenKana));
    }

    /** "佐藤 花子": the order and space used on Japanese forms. */
    public String display() {
        return (family + " " + given).strip();
    }

    public Optional<String> kanaDisplay() {
        if (familyKana.isEmpty() && givenKana.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of((familyKana.orElse("") + " " + givenKana.orElse("")).strip());
    }
}
