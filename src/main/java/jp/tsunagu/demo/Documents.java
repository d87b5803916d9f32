package jp.tsunagu.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import jp.tsunagu.demo.Facilities.Facility;
import jp.tsunagu.record.ClinicalDocument;
import jp.tsunagu.record.ClinicalDocument.DocumentType;
import jp.tsunagu.record.ClinicalDocument.Section;
import jp.tsunagu.shared.JapanTime;

/** The 3文書 as a clinician would write them, assembled from what the generator knows about the patient. */
final class Documents {

    private Documents() {
    }

    /** What a referral letter says besides the addresses. */
    record Referral(Facility from, Facility to, String department, LocalDate date, String purpose,
            List<String> diagnoses, String history, String findings, String treatment, List<Catalog.Drug> drugs,
            List<String> allergies) {
    }

    static ClinicalDocument referral(Referral r) {
        List<Section> sections = new ArrayList<>();
        sections.add(section("紹介先", r.to().name() + " " + r.department() + " 御侍史"));
        sections.add(section("紹介元", r.from().name() + "（" + r.from().address() + "　TEL " + r.from().phone() + "）"));
        sections.add(section("紹介目的", r.purpose()));
        sections.add(section("傷病名", numbered(r.diagnoses())));
        sections.add(section("既往歴・家族歴", r.history()));
        sections.add(section("症状経過・検査結果", r.findings()));
        sections.add(section("治療経過", r.treatment()));
        sections.add(section("現在の処方", drugs(r.drugs())));
        sections.add(section("アレルギー・副作用歴", r.allergies().isEmpty() ? "特記事項なし"
                : String.join("、", r.allergies())));
        sections.add(section("備考", "ご多忙のところ恐縮ですが、ご高診のほどよろしくお願い申し上げます。"));
        return new ClinicalDocument(DocumentType.REFERRAL_LETTER, "診療情報提供書", "final",
                Optional.of(JapanTime.startOfDay(r.date()).plusSeconds(17 * 3600)), sections);
    }

    /** What a discharge summary says. */
    record Discharge(Facility hospital, String ward, LocalDate admitted, LocalDate discharged, String reason,
            String admissionDiagnosis, String course, List<String> dischargeDiagnoses, List<Catalog.Drug> drugs,
            String condition, String plan) {
    }

    static ClinicalDocument dischargeSummary(Discharge d) {
        long days = java.time.temporal.ChronoUnit.DAYS.between(d.admitted(), d.discharged()) + 1;
        List<Section> sections = new ArrayList<>();
        sections.add(section("入院期間", RecordBuilder.JAPANESE_DATE.format(d.admitted()) + "〜"
                + RecordBuilder.JAPANESE_DATE.format(d.discharged()) + "（" + days + "日間、" + d.ward() + "）"));
        sections.add(section("入院理由", d.reason()));
        sections.add(section("入院時診断", d.admissionDiagnosis()));
        sections.add(section("入院中の経過", d.course()));
        sections.add(section("退院時診断", numbered(d.dischargeDiagnoses())));
        sections.add(section("退院時処方", drugs(d.drugs())));
        sections.add(section("退院時の状態", d.condition()));
        sections.add(section("退院後の方針", d.plan()));
        return new ClinicalDocument(DocumentType.DISCHARGE_SUMMARY, "退院時サマリー", "final",
                Optional.of(JapanTime.startOfDay(d.discharged()).plusSeconds(15 * 3600)), sections);
    }

    /** The measurements of a health check. */
    record HealthCheck(LocalDate date, double height, double weight, double waist, int systolic, int diastolic,
            String blood, String urine, String verdict, String advice, String metabolic) {
    }

    static ClinicalDocument healthCheck(HealthCheck h) {
        double bmi = h.weight() / Math.pow(h.height() / 100, 2);
        List<Section> sections = new ArrayList<>();
        sections.add(section("受診日", RecordBuilder.JAPANESE_DATE.format(h.date())));
        sections.add(section("身体計測", String.format("身長 %.1f cm／体重 %.1f kg／BMI %.1f／腹囲 %.1f cm", h.height(),
                h.weight(), bmi, h.waist())));
        sections.add(section("血圧", String.format("収縮期 %d mmHg／拡張期 %d mmHg", h.systolic(), h.diastolic())));
        sections.add(section("血液検査", h.blood()));
        sections.add(section("尿検査", h.urine()));
        sections.add(section("メタボリックシンドローム判定", h.metabolic()));
        sections.add(section("総合判定", h.verdict()));
        sections.add(section("指導事項", h.advice()));
        return new ClinicalDocument(DocumentType.HEALTH_CHECK, "健康診断結果報告書", "final",
                Optional.of(JapanTime.startOfDay(h.date()).plusSeconds(16 * 3600)), sections);
    }

    static String drugs(List<Catalog.Drug> drugs) {
        if (drugs.isEmpty()) {
            return "なし";
        }
        return drugs.stream().map(d -> "・" + d.name() + "　" + d.doseText()).collect(Collectors.joining("\n"));
    }

    static String numbered(List<String> lines) {
        if (lines.isEmpty()) {
            return "特記事項なし";
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            text.append(i == 0 ? "" : "\n").append(i + 1).append(". ").append(lines.get(i));
        }
        return text.toString();
    }

    private static Section section(String title, String text) {
        return new Section(0, title, Optional.empty(), text);
    }
}
