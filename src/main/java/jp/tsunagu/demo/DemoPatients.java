package jp.tsunagu.demo;

import static jp.tsunagu.demo.Catalog.*;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import jp.tsunagu.demo.Facilities.Facility;
import jp.tsunagu.directory.Sex;
import jp.tsunagu.record.Allergy.AllergyCategory;
import jp.tsunagu.record.Encounter.EncounterClass;
import jp.tsunagu.record.PhrEntry;
import jp.tsunagu.shared.JapanTime;
import jp.tsunagu.shared.PersonName;
import jp.tsunagu.shared.Prefecture;

/**
 * The two people behind the demo patient accounts, written out rather than drawn, so that the demo
 * always tells the same stories:
 *
 * <ul>
 * <li>佐藤 花子 (patient.sato), 38: 全身性エリテマトーデス (指定難病 49) diagnosed in Osaka at
 *     大阪北総合病院, one stay there for a flare, referred to 東京中央病院 after moving to Tokyo; a year
 *     of monthly labs (complement rising, anti-dsDNA falling as prednisolone is tapered); allergic to
 *     penicillins and, severely, to iodinated contrast.</li>
 * <li>鈴木 一郎 (patient.suzuki), 66: hypertension, type 2 diabetes and dyslipidaemia followed at
 *     大阪北総合病院 for two years (HbA1c from 8.4 % towards 7 %), admitted to 東京中央病院 for angina
 *     during a business trip and sent back with a letter; he keeps a blood-pressure diary.</li>
 * </ul>
 */
final class DemoPatients {

    static final String SATO_KEY = "D0000001";
    static final String SUZUKI_KEY = "D0000002";
    /** Keeps the demo patients' hospital numbers apart from the population's. */
    private static final long LOCAL_NUMBER_BASE = 99_000_000L;

    private DemoPatients() {
    }

    static SyntheticPatient sato(FacilityMap world, long seed, LocalDate today) {
        SplittableRandom random = new SplittableRandom(PatientGenerator.mix(seed, -1));
        Facility tokyo = world.byCode(Facilities.TOKYO_CHUO).orElseThrow();
        Facility osaka = world.byCode(Facilities.OSAKA_HOKUSO).orElseThrow();
        LocalDate birth = LocalDate.of(today.getYear() - 38, 6, 14).isBefore(today.minusYears(38))
                ? LocalDate.of(today.getYear() - 38, 6, 14) : LocalDate.of(today.getYear() - 39, 6, 14);
        RecordBuilder r = new RecordBuilder(SATO_KEY, random, today, Sex.FEMALE, birth);
        LabState labs = new LabState(random.split(), Sex.FEMALE, birth, today.minusMonths(13));

        Rare sle = RARE.stream().filter(x -> x.disease().icd10().equals("M32.9")).findFirst().orElseThrow();
        LocalDate diagnosed = today.minusYears(4).minusDays(40);
        // Fourteen four-weekly visits in Tokyo, the last ten days ago: thirteen of them within the last year.
        LocalDate moved = today.minusDays(13 * 28 + 10);

        // Osaka: diagnosis, screening before steroids, a flare two years ago.
        Instant first = r.visit(osaka, diagnosed);
        r.diagnosis(osaka, sle.disease(), diagnosed, "active", false,
                Optional.of("指定難病（告示番号49）医療受給者証あり"), false, List.of());
        r.infection(osaka, HBS_AG, false, first.plus(Duration.ofMinutes(5)), List.of());
        r.infection(osaka, HCV_AB, false, first.plus(Duration.ofMinutes(5)), List.of());
        r.allergy(osaka, "ヨード造影剤", AllergyCategory.MEDICATION, "allergy", "high", "アナフィラキシー",
                Optional.of((diagnosed.getYear() - 3) + "年 造影CT検査時に発症。以後造影剤は禁忌"), first);
        r.allergy(osaka, "ペニシリン系抗菌薬", AllergyCategory.MEDICATION, "allergy", "low", "蕁麻疹",
                Optional.of("小児期にアモキシシリン内服後に発症"), first);
        r.allergy(osaka, "スギ花粉", AllergyCategory.ENVIRONMENT, "allergy", "low", "鼻汁・くしゃみ・眼のかゆみ",
                Optional.empty(), first);
        LocalDate admitted = today.minusMonths(20);
        LocalDate discharged = admitted.plusDays(17);
        for (LocalDate day = today.minusMonths(24); day.isBefore(moved); day = day.plusDays(28)) {
            if (!day.isBefore(admitted) && !day.isAfter(discharged)) {
                continue;
            }
            r.visit(osaka, day);
            r.prescription(osaka, PREDONINE, day, 28, List.of());
            r.prescription(osaka, HYDROXYCHLOROQUINE, day, 28, List.of());
        }
        Instant in = JapanTime.startOfDay(admitted).plus(Duration.ofHours(11));
        r.encounter(osaka, EncounterClass.IMP, "finished", Optional.of("一般病床"), in,
                Optional.of(JapanTime.startOfDay(discharged).plus(Duration.ofHours(10))));
        r.lab(osaka, C3, 38, in.plus(Duration.ofMinutes(30)), false);
        r.lab(osaka, C4, 4, in.plus(Duration.ofMinutes(30)), false);
        r.lab(osaka, DS_DNA, 286, in.plus(Duration.ofMinutes(30)), false);
        r.lab(osaka, WBC, 2600, in.plus(Duration.ofMinutes(30)), false);
        r.lab(osaka, PLT, 9.8, in.plus(Duration.ofMinutes(30)), false);
        r.labText(osaka, URINE_PROTEIN, "(2+)", true, in.plus(Duration.ofMinutes(30)));
        r.infection(osaka, SARS_COV_2, false, in.plus(Duration.ofMinutes(30)), List.of());
        List<Drug> dischargeDrugs = List.of(prednisolone("1回4錠 1日1回 朝食後", "20"), HYDROXYCHLOROQUINE,
                LANSOPRAZOLE);
        for (Drug drug : dischargeDrugs) {
            r.prescription(osaka, drug, discharged, 14, List.of());
        }
        r.document(osaka, Documents.dischargeSummary(new Documents.Discharge(osaka, "一般病床", admitted, discharged,
                "発熱、多関節痛、顔面の蝶形紅斑の増悪を認め、全身性エリテマトーデスの再燃として入院。",
                "全身性エリテマトーデス（再燃）",
                "ステロイドパルス療法（メチルプレドニゾロン500mg×3日）後、プレドニゾロン40mg/日で後療法を開始した。"
                        + "解熱し関節痛は消失、補体価は回復傾向、抗ds-DNA抗体は低下した。尿蛋白(2+)は(±)まで改善。"
                        + "ヨード造影剤アレルギーのため、画像検査は単純CTとMRIで行った。",
                List.of("全身性エリテマトーデス", "ループス腎炎（疑い）"), dischargeDrugs, "ADL自立。",
                "プレドニゾロンは2週ごとに減量予定。当院膠原病内科外来にて経過観察。")), false, List.of());

        // The letter that follows her to Tokyo.
        LocalDate letter = moved.minusDays(6);
        r.document(osaka, Documents.referral(new Documents.Referral(osaka, tokyo, "膠原病・リウマチ内科", letter,
                "東京への転居に伴い、全身性エリテマトーデスの継続診療をお願いいたします。",
                List.of("全身性エリテマトーデス（" + diagnosed.getYear() + "年" + diagnosed.getMonthValue() + "月診断、指定難病）",
                        "花粉症"),
                "既往歴：特記事項なし\n喫煙歴：なし\n飲酒：機会飲酒\n家族歴：母 関節リウマチ",
                "直近の検査結果：補体C3 62mg/dL、補体C4 8mg/dL、抗ds-DNA抗体 48.0IU/mL、尿蛋白(±)。"
                        + "20か月前の再燃時にはステロイドパルス療法を要しましたが、その後は安定しています。",
                "プレドニゾロンを漸減し、現在10mg/日です。ヒドロキシクロロキンを併用しています。",
                List.of(PREDONINE, HYDROXYCHLOROQUINE),
                List.of("ヨード造影剤（アナフィラキシー）", "ペニシリン系抗菌薬（蕁麻疹）"))), false, List.of());

        // Tokyo: a year of monthly visits, prednisolone tapered from 10 mg to 5 mg.
        LocalDate start = moved;
        Instant screening = r.visit(tokyo, start);
        r.infection(tokyo, HBS_AG, false, screening.plus(Duration.ofMinutes(5)), List.of());
        r.infection(tokyo, HCV_AB, false, screening.plus(Duration.ofMinutes(5)), List.of());
        r.diagnosis(tokyo, sle.disease(), diagnosed, "active", true,
                Optional.of("指定難病（告示番号49）大阪北総合病院より紹介"), false, List.of());
        for (int month = 0; month < 14; month++) {
            LocalDate day = start.plusDays(month * 28L);
            if (!day.isBefore(today)) {
                break;
            }
            Instant at = month == 0 ? screening : r.visit(tokyo, day);
            Drug prednisolone = month < 4 ? PREDONINE : month < 8 ? prednisolone("1回1.5錠 1日1回 朝食後", "7.5")
                    : prednisolone("1回1錠 1日1回 朝食後", "5");
            r.prescription(tokyo, prednisolone, day, 28, List.of());
            r.prescription(tokyo, HYDROXYCHLOROQUINE, day, 28, List.of());
            Instant drawn = at.plus(Duration.ofMinutes(5));
            double progress = month / 13.0;
            r.lab(tokyo, C3, 62 + 26 * progress + random.nextGaussian() * 3, drawn, false);
            r.lab(tokyo, C4, 8 + 8 * progress + random.nextGaussian(), drawn, false);
            r.lab(tokyo, DS_DNA, Math.max(6, 48 - 36 * progress + random.nextGaussian() * 3), drawn, false);
            r.lab(tokyo, WBC, 3400 + 1300 * progress + random.nextGaussian() * 200, drawn, false);
            r.lab(tokyo, PLT, 16 + 6 * progress + random.nextGaussian(), drawn, false);
            r.lab(tokyo, HB, 11.4 + 1.2 * progress + random.nextGaussian() * 0.2, drawn, false);
            double egfr = 92 + random.nextGaussian() * 3;
            r.lab(tokyo, CRE, labs.creatinine(egfr, day), drawn, false);
            r.lab(tokyo, EGFR, egfr, drawn, false);
            r.lab(tokyo, CRP, Math.max(0.01, 0.3 - 0.25 * progress + random.nextGaussian() * 0.03), drawn, false);
            r.labText(tokyo, URINE_PROTEIN, month < 3 ? "(±)" : "(-)", month < 3, drawn);
        }
        LocalDate check = today.minusMonths(5);
        r.document(tokyo, Documents.healthCheck(new Documents.HealthCheck(check, 158.4, 51.2, 70.5, 112, 70,
                "AST 19 U/L、ALT 15 U/L、γ-GT 14 U/L\n中性脂肪 88 mg/dL、HDLコレステロール 72 mg/dL、LDLコレステロール 104 mg/dL\n"
                        + "空腹時血糖 92 mg/dL、HbA1c 5.5 %\nヘモグロビン 12.5 g/dL、クレアチニン 0.62 mg/dL、eGFR 88.6 mL/min/1.73m2",
                "尿糖 (-)、尿蛋白 (-)", "E 治療継続（主治医の指示に従ってください）",
                "現在の治療を継続してください。ステロイド内服中のため、感染予防と骨の健康に注意しましょう。", "非該当")),
                false, List.of());
        // Her own diary: temperature and morning stiffness over the last two weeks.
        for (int day = 14; day >= 1; day--) {
            Instant morning = JapanTime.startOfDay(today.minusDays(day)).plus(Duration.ofMinutes(7 * 60 + random.nextInt(40)));
            r.phr(new PhrEntry(PhrEntry.PhrType.BODY_TEMPERATURE,
                    Optional.of(RecordBuilder.decimal(36.4 + random.nextGaussian() * 0.2, 1)), Optional.empty(),
                    Optional.of("℃"), Optional.empty(), morning));
            if (day % 4 == 0) {
                r.phr(new PhrEntry(PhrEntry.PhrType.SYMPTOM, Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.of("朝の手指のこわばり " + (10 + random.nextInt(20)) + "分程度。日中は問題なし。"),
                        morning.plus(Duration.ofMinutes(5))));
            }
        }
        return r.build(PersonName.of("佐藤", "花子", "サトウ", "ハナコ"), Prefecture.TOKYO, Optional.of("154-0017"),
                Optional.of("東京都世田谷区世田谷4丁目18-3"), Optional.of("03-0411-2876"),
                Optional.of("hanako.sato@example.com"), LOCAL_NUMBER_BASE + 1);
    }

    static SyntheticPatient suzuki(FacilityMap world, long seed, LocalDate today) {
        SplittableRandom random = new SplittableRandom(PatientGenerator.mix(seed, -2));
        Facility tokyo = world.byCode(Facilities.TOKYO_CHUO).orElseThrow();
        Facility osaka = world.byCode(Facilities.OSAKA_HOKUSO).orElseThrow();
        LocalDate birth = LocalDate.of(today.getYear() - 66, 9, 3).isBefore(today.minusYears(66))
                ? LocalDate.of(today.getYear() - 66, 9, 3) : LocalDate.of(today.getYear() - 67, 9, 3);
        RecordBuilder r = new RecordBuilder(SUZUKI_KEY, random, today, Sex.MALE, birth);
        LabState labs = new LabState(random.split(), Sex.MALE, birth, today.minusMonths(14));

        LocalDate window = today.minusMonths(24);
        LocalDate intensified = today.minusMonths(14);
        LocalDate admitted = today.minusMonths(10);
        LocalDate discharged = admitted.plusDays(4);
        r.diagnosis(osaka, HYPERTENSION, LocalDate.of(today.getYear() - 13, 4, 1), "active", true, Optional.empty(),
                false, List.of());
        r.diagnosis(osaka, DIABETES, LocalDate.of(today.getYear() - 9, 10, 1), "active", true, Optional.empty(),
                false, List.of());
        r.diagnosis(osaka, DYSLIPIDAEMIA, LocalDate.of(today.getYear() - 9, 10, 1), "active", true, Optional.empty(),
                false, List.of());
        r.treatingSince(osaka, LocalDate.of(today.getYear() - 13, 4, 1));
        r.allergy(osaka, "そば", AllergyCategory.FOOD, "allergy", "low", "蕁麻疹", Optional.of("成人後に発症"),
                r.during(window.plusDays(3)));

        // Osaka: visits every four to six weeks, labs at most of them.
        int visit = 0;
        for (LocalDate day = window.plusDays(3); day.isBefore(today); day = day.plusDays(35 + random.nextInt(8))) {
            if (!day.isBefore(admitted) && !day.isAfter(discharged)) {
                continue;
            }
            Instant at = r.visit(osaka, day);
            boolean afterAngina = day.isAfter(discharged);
            List<Drug> drugs = new ArrayList<>(List.of(NORVASC, CANDESARTAN, METFORMIN));
            if (!day.isBefore(intensified)) {
                drugs.add(JARDIANCE);
            }
            drugs.add(afterAngina ? ROSUVASTATIN : ATORVASTATIN);
            if (afterAngina) {
                drugs.add(ASPIRIN);
            }
            for (Drug drug : drugs) {
                r.prescription(osaka, drug, day, 42, List.of());
            }
            Instant drawn = at.plus(Duration.ofMinutes(5));
            double months = Math.max(0, java.time.temporal.ChronoUnit.DAYS.between(intensified, day) / 30.4);
            double a1c = day.isBefore(intensified) ? 8.2 + random.nextGaussian() * 0.15
                    : 7.0 + 1.3 * Math.exp(-months / 4) + random.nextGaussian() * 0.12;
            r.lab(osaka, HBA1C, a1c, drawn, false);
            r.lab(osaka, GLUCOSE, 28.7 * a1c - 46.7 + random.nextGaussian() * 10, drawn, false);
            if (visit++ % 2 == 0) {
                double ldl = afterAngina ? 92 + random.nextGaussian() * 6 : 146 + random.nextGaussian() * 8;
                r.lab(osaka, LDL, ldl, drawn, false);
                r.lab(osaka, HDL, 46 + random.nextGaussian() * 3, drawn, false);
                r.lab(osaka, TG, 168 + random.nextGaussian() * 25, drawn, false);
                double egfr = 68 - 3.0 * java.time.temporal.ChronoUnit.DAYS.between(window, day) / 365.0
                        + random.nextGaussian() * 1.5;
                r.lab(osaka, CRE, labs.creatinine(egfr, day), drawn, false);
                r.lab(osaka, EGFR, egfr, drawn, false);
                r.lab(osaka, K, 4.4 + random.nextGaussian() * 0.2, drawn, false);
                r.lab(osaka, NA, 141 + random.nextGaussian(), drawn, false);
                r.lab(osaka, AST, 26 + random.nextGaussian() * 3, drawn, false);
                r.lab(osaka, ALT, 34 + random.nextGaussian() * 5, drawn, false);
            }
        }

        // Tokyo: chest pain on a business trip, five days in 東京中央病院, a stent, a letter home.
        Instant in = JapanTime.startOfDay(admitted).plus(Duration.ofHours(14));
        r.encounter(tokyo, EncounterClass.IMP, "finished", Optional.of("一般病床"), in,
                Optional.of(JapanTime.startOfDay(discharged).plus(Duration.ofHours(10))));
        r.diagnosis(tokyo, ANGINA, admitted, "active", false, Optional.of("LAD #7 にステント留置"), false, List.of());
        Instant drawn = in.plus(Duration.ofMinutes(20));
        r.infection(tokyo, HBS_AG, false, drawn, List.of());
        r.infection(tokyo, HCV_AB, false, drawn, List.of());
        r.infection(tokyo, TP_AB, false, drawn, List.of());
        r.infection(tokyo, SARS_COV_2, false, drawn, List.of());
        double egfrIn = 64 + random.nextGaussian();
        r.lab(tokyo, CK, 142, drawn, false);
        r.lab(tokyo, CRE, labs.creatinine(egfrIn, admitted), drawn, false);
        r.lab(tokyo, EGFR, egfrIn, drawn, false);
        r.lab(tokyo, HBA1C, 7.6, drawn, false);
        r.lab(tokyo, LDL, 138, drawn, false);
        r.lab(tokyo, HB, 14.1, drawn, false);
        r.lab(tokyo, BNP, 32.5, drawn, false);
        List<Drug> dischargeDrugs = List.of(ASPIRIN, CLOPIDOGREL, ROSUVASTATIN, NORVASC, CANDESARTAN, METFORMIN,
                JARDIANCE);
        for (Drug drug : dischargeDrugs) {
            r.prescription(tokyo, drug, discharged, 14, List.of());
        }
        r.document(tokyo, Documents.dischargeSummary(new Documents.Discharge(tokyo, "一般病床", admitted, discharged,
                "出張中、駅の階段で前胸部の圧迫感が出現し、安静で5分程度で改善するも繰り返すため救急外来を受診。"
                        + "心電図でV2-V4のST低下を認め、不安定狭心症の疑いで入院。",
                "不安定狭心症",
                "第2病日に冠動脈造影を施行し、左前下行枝#7に90%狭窄を認め、薬剤溶出性ステントを留置した。"
                        + "術後の胸部症状の再発はない。抗血小板薬2剤併用療法を開始し、脂質管理強化のためスタチンを変更した。",
                List.of("狭心症（LAD #7 ステント留置後）", "本態性高血圧症", "2型糖尿病", "脂質異常症"), dischargeDrugs,
                "ADL自立。胸部症状なし。",
                "抗血小板薬2剤併用は12か月継続の予定。かかりつけの大阪北総合病院で継続加療をお願いする。")), false, List.of());
        LocalDate letter = discharged;
        r.document(tokyo, Documents.referral(new Documents.Referral(tokyo, osaka, "循環器内科", letter,
                "出張先での不安定狭心症に対しステント留置を行いました。今後の継続診療をお願いいたします。",
                List.of("狭心症（" + admitted.getYear() + "年" + admitted.getMonthValue() + "月 LAD #7 ステント留置）",
                        "本態性高血圧症", "2型糖尿病", "脂質異常症"),
                "喫煙歴：20本/日×30年（" + (today.getYear() - 8) + "年より禁煙）\n飲酒：ビール350mL/日\n家族歴：父 心筋梗塞",
                "入院時 HbA1c 7.6%、LDLコレステロール 138mg/dL、eGFR " + RecordBuilder.decimal(egfrIn, 1)
                        + "mL/min/1.73m2。心エコーで壁運動異常なし、EF 62%。",
                "アスピリンとクロピドグレルの2剤併用療法を開始しました。アトルバスタチンをロスバスタチンに変更しています。",
                dischargeDrugs, List.of())), false, List.of());
        Instant followUp = r.visit(tokyo, discharged.plusDays(28));
        r.lab(tokyo, LDL, 88, followUp.plus(Duration.ofMinutes(5)), false);

        // 特定健診 at his hospital, once a year.
        for (int year = 1; year <= 2; year++) {
            LocalDate check = today.minusMonths(year * 12L - 2);
            double a1c = year == 1 ? 7.2 : 8.3;
            r.document(osaka, Documents.healthCheck(new Documents.HealthCheck(check, 168.5, 73.4 + year, 90.5, 134, 82,
                    String.format("AST 27 U/L、ALT 36 U/L、γ-GT 48 U/L%n中性脂肪 172 mg/dL、HDLコレステロール 45 mg/dL、"
                            + "LDLコレステロール %d mg/dL%n空腹時血糖 %d mg/dL、HbA1c %.1f %%%nヘモグロビン 14.3 g/dL",
                            year == 1 ? 94 : 148, Math.round(28.7 * a1c - 46.7), a1c),
                    "尿糖 " + (year == 1 ? "(+)" : "(2+)") + "、尿蛋白 (-)", "E 治療継続（主治医の指示に従ってください）",
                    "減塩（1日6g未満）と家庭血圧の測定を続けてください。\n体重を3%減らすことを目標に、1日8,000歩の歩行を心がけてください。",
                    "基準該当")), false, List.of());
        }
        // His diary: morning blood pressure for a month, weight weekly, steps daily.
        for (int day = 30; day >= 1; day--) {
            Instant morning = JapanTime.startOfDay(today.minusDays(day)).plus(Duration.ofMinutes(6 * 60 + 30 + random.nextInt(30)));
            r.phr(new PhrEntry(PhrEntry.PhrType.BLOOD_PRESSURE,
                    Optional.of(BigDecimal.valueOf(Math.round(132 + random.nextGaussian() * 6))),
                    Optional.of(BigDecimal.valueOf(Math.round(80 + random.nextGaussian() * 4))), Optional.of("mmHg"),
                    Optional.empty(), morning));
            r.phr(new PhrEntry(PhrEntry.PhrType.STEPS, Optional.of(BigDecimal.valueOf(5000 + random.nextInt(4000))),
                    Optional.empty(), Optional.of("歩"), Optional.empty(),
                    JapanTime.startOfDay(today.minusDays(day)).plus(Duration.ofHours(22))));
            if (day % 7 == 0) {
                r.phr(new PhrEntry(PhrEntry.PhrType.WEIGHT,
                        Optional.of(RecordBuilder.decimal(73.8 - (30 - day) * 0.03 + random.nextGaussian() * 0.3, 1)),
                        Optional.empty(), Optional.of("kg"), Optional.empty(), morning.plus(Duration.ofMinutes(2))));
            }
        }
        return r.build(PersonName.of("鈴木", "一郎", "スズキ", "イチロウ"), Prefecture.OSAKA, Optional.of("560-0021"),
                Optional.of("大阪府豊中市本町3丁目5-21"), Optional.of("06-0842-3317"),
                Optional.of("ichiro.suzuki@example.com"), LOCAL_NUMBER_BASE + 2);
    }

    private static Drug prednisolone(String doseText, String dose) {
        return new Drug(PREDONINE.name(), PREDONINE.code(), doseText, new BigDecimal(dose), "mg", 28);
    }
}
