package jp.tsunagu.record;

import java.util.Map;
import java.util.Optional;

/**
 * Japanese names for common tests sent with an English display (LOINC from systems abroad or from
 * apps). A name the source already gave in Japanese is kept as it is: the hospital's wording is what
 * the patient sees on their paper report.
 */
public final class LabNames {

    private static final Map<String, String> LOINC = Map.ofEntries(
            Map.entry("4548-4", "HbA1c"),
            Map.entry("2345-7", "血糖"),
            Map.entry("2339-0", "血糖"),
            Map.entry("2160-0", "クレアチニン"),
            Map.entry("33914-3", "eGFR"),
            Map.entry("62238-1", "eGFR"),
            Map.entry("3094-0", "尿素窒素"),
            Map.entry("1920-8", "AST"),
            Map.entry("1742-6", "ALT"),
            Map.entry("2324-2", "γ-GT"),
            Map.entry("2093-3", "総コレステロール"),
            Map.entry("2085-9", "HDLコレステロール"),
            Map.entry("13457-7", "LDLコレステロール"),
            Map.entry("2571-8", "中性脂肪"),
            Map.entry("3084-1", "尿酸"),
            Map.entry("718-7", "ヘモグロビン"),
            Map.entry("6690-2", "白血球数"),
            Map.entry("777-3", "血小板数"),
            Map.entry("1988-5", "CRP"),
            Map.entry("2823-3", "カリウム"),
            Map.entry("2951-2", "ナトリウム"),
            Map.entry("1751-7", "アルブミン"),
            Map.entry("3016-3", "TSH"),
            Map.entry("8480-6", "収縮期血圧"),
            Map.entry("8462-4", "拡張期血圧"),
            Map.entry("29463-7", "体重"),
            Map.entry("8310-5", "体温"));

    private LabNames() {
    }

    /** The name to show a Japanese reader. */
    public static String japanese(LabResult lab) {
        if (!isAscii(lab.name())) {
            return lab.name();
        }
        return lab.code().filter(c -> Code.LOINC.equals(c.system())).flatMap(c -> Optional.ofNullable(LOINC.get(c.code())))
                .orElse(lab.name());
    }

    /** Results of the same test share this key: the code where there is one, else the name as sent. */
    public static String seriesKey(LabResult lab) {
        return lab.code().map(c -> c.system() + "|" + c.code()).orElse("name|" + lab.name());
    }

    private static boolean isAscii(String text) {
        return text.chars().allMatch(c -> c < 128);
    }
}
