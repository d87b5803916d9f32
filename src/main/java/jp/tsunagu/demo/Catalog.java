package jp.tsunagu.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;

import jp.tsunagu.directory.Sex;
import jp.tsunagu.record.Code;
import jp.tsunagu.record.LabResult;

/**
 * The medical vocabulary of the synthetic population: diseases with ICD-10 codes, 指定難病 with their
 * notification numbers, drugs with YJ codes and lab tests with JLAC10 codes and the JCCLS common
 * reference ranges (共用基準範囲).
 *
 * <p>JLAC10 codes are those of the 電子カルテ情報共有サービス core lab set (JP-CLINS); tests outside
 * that set use LOINC, and KL-6 has a local code only, as many hospitals send it. YJ codes are real
 * package-insert codes of the named products; drugs whose code could not be confirmed carry none
 * rather than a made-up one (a prescription without a code is also what real sources send).
 */
final class Catalog {

    private Catalog() {
    }

    // ---------------------------------------------------------------- lab tests

    /** A lab test with its reference range; NaN where a range has no bound. */
    record Lab(String name, Optional<Code> code, String unit, double lowMale, double highMale, double lowFemale,
            double highFemale, int scale) {

        Lab(String name, String system, String code, String unit, double low, double high, int scale) {
            this(name, Optional.of(Code.of(system, code, name)), unit, low, high, low, high, scale);
        }

        Lab(String name, String system, String code, String unit, double lowMale, double highMale, double lowFemale,
                double highFemale, int scale) {
            this(name, Optional.of(Code.of(system, code, name)), unit, lowMale, highMale, lowFemale, highFemale, scale);
        }

        LabResult result(double value, Sex sex, java.time.Instant at) {
            Optional<BigDecimal> low = bound(sex == Sex.FEMALE ? lowFemale : lowMale);
            Optional<BigDecimal> high = bound(sex == Sex.FEMALE ? highFemale : highMale);
            BigDecimal v = BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP);
            String interpretation = high.isPresent() && v.compareTo(high.get()) > 0 ? "H"
                    : low.isPresent() && v.compareTo(low.get()) < 0 ? "L" : "N";
            return new LabResult(name, code, Optional.of(v), Optional.empty(), unit.isEmpty() ? Optional.empty()
                    : Optional.of(unit), low, high, Optional.of(interpretation), Optional.of(at));
        }

        /** A qualitative result such as 尿蛋白 (±). */
        LabResult text(String value, boolean abnormal, java.time.Instant at) {
            return new LabResult(name, code, Optional.empty(), Optional.of(value), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.of(abnormal ? "A" : "N"), Optional.of(at));
        }

        private Optional<BigDecimal> bound(double bound) {
            return Double.isNaN(bound) ? Optional.empty()
                    : Optional.of(BigDecimal.valueOf(bound).setScale(scale, RoundingMode.HALF_UP));
        }
    }

    private static final String J = Code.JLAC10;
    private static final String L = Code.LOINC;
    private static final double NONE = Double.NaN;

    static final Lab AST = new Lab("AST", J, "3B035000002327201", "U/L", 13, 30, 0);
    static final Lab ALT = new Lab("ALT", J, "3B045000002327201", "U/L", 10, 42, 7, 23, 0);
    static final Lab GGT = new Lab("γ-GT", J, "3B090000002327101", "U/L", 13, 64, 9, 32, 0);
    static final Lab ALP = new Lab("ALP", J, "3B070000002327501", "U/L", 38, 113, 0);
    static final Lab LD = new Lab("LD", J, "3B050000002327901", "U/L", 124, 222, 0);
    static final Lab CK = new Lab("CK", J, "3B010000002327201", "U/L", 59, 248, 41, 153, 0);
    static final Lab ALB = new Lab("アルブミン", J, "3A015000002327101", "g/dL", 4.1, 5.1, 1);
    static final Lab BUN = new Lab("尿素窒素", J, "3C025000002327201", "mg/dL", 8, 20, 1);
    static final Lab CRE = new Lab("クレアチニン", J, "3C015000002327101", "mg/dL", 0.65, 1.07, 0.46, 0.79, 2);
    static final Lab EGFR = new Lab("eGFR", J, "8A065000002391901", "mL/min/1.73m2", 60, NONE, 1);
    static final Lab UA = new Lab("尿酸", J, "3C020000002327101", "mg/dL", 3.7, 7.8, 2.6, 5.5, 1);
    static final Lab NA = new Lab("ナトリウム", J, "3H010000002326101", "mmol/L", 138, 145, 0);
    static final Lab K = new Lab("カリウム", J, "3H015000002326101", "mmol/L", 3.6, 4.8, 1);
    static final Lab GLUCOSE = new Lab("血糖", J, "3D010000002227101", "mg/dL", 73, 109, 0);
    static final Lab HBA1C = new Lab("HbA1c(NGSP)", J, "3D046000001906202", "%", 4.9, 6.0, 1);
    static final Lab TG = new Lab("中性脂肪", J, "3F015000002327101", "mg/dL", 40, 234, 30, 117, 0);
    static final Lab HDL = new Lab("HDLコレステロール", J, "3F070000002327101", "mg/dL", 38, 90, 48, 103, 0);
    static final Lab LDL = new Lab("LDLコレステロール", J, "3F077000002327101", "mg/dL", 65, 163, 0);
    static final Lab CRP = new Lab("CRP", J, "5C070000002306201", "mg/dL", 0.00, 0.14, 2);
    static final Lab WBC = new Lab("白血球数", J, "2A010000001930101", "/μL", 3300, 8600, 0);
    static final Lab HB = new Lab("ヘモグロビン", J, "2A030000001930101", "g/dL", 13.7, 16.8, 11.6, 14.8, 1);
    static final Lab PLT = new Lab("血小板数", J, "2A050000001930101", "万/μL", 15.8, 34.8, 1);
    static final Lab BNP = new Lab("BNP", J, "4Z271000002205201", "pg/mL", NONE, 18.4, 1);
    static final Lab PT_INR = new Lab("PT-INR", J, "2B030000002231157", "", 0.85, 1.15, 2);
    static final Lab URINE_PROTEIN = new Lab("尿蛋白", J, "1A010000000190111", "", NONE, NONE, 0);
    static final Lab C3 = new Lab("補体C3", L, "4485-9", "mg/dL", 73, 138, 0);
    static final Lab C4 = new Lab("補体C4", L, "4498-2", "mg/dL", 11, 31, 0);
    static final Lab DS_DNA = new Lab("抗ds-DNA抗体", L, "5130-0", "IU/mL", NONE, 12, 1);
    static final Lab KL6 = new Lab("KL-6", Optional.empty(), "U/mL", NONE, 499, NONE, 499, 0);

    // ---------------------------------------------------------------- infection tests

    record Infection(String name, Code code) {
    }

    static final Infection HBS_AG = new Infection("HBs抗原", Code.of(L, "5196-1", "HBs抗原"));
    static final Infection HCV_AB = new Infection("HCV抗体", Code.of(L, "13955-0", "HCV抗体"));
    static final Infection TP_AB = new Infection("梅毒TP抗体", Code.of(L, "24110-9", "梅毒TP抗体"));
    static final Infection SARS_COV_2 = new Infection("SARS-CoV-2 PCR", Code.of(L, "94500-6", "SARS-CoV-2 PCR"));

    // ---------------------------------------------------------------- drugs

    /**
     * @param dose per dose, e.g. 5 (mg); {@code doseText} says how it is taken
     * @param days days per prescription
     */
    record Drug(String name, Optional<Code> code, String doseText, BigDecimal dose, String unit, int days) {

        static Drug of(String name, String yj, String doseText, String dose, String unit, int days) {
            return new Drug(name, Optional.of(Code.of(Code.YJ, yj, name)), doseText, new BigDecimal(dose), unit, days);
        }

        static Drug uncoded(String name, String doseText, String dose, String unit, int days) {
            return new Drug(name, Optional.empty(), doseText, new BigDecimal(dose), unit, days);
        }

    }

    static final Drug AMLODIPINE = Drug.of("アムロジピン錠2.5mg「サワイ」", "2171022F1282", "1回1錠 1日1回 朝食後", "2.5", "mg", 28);
    static final Drug NORVASC = Drug.of("ノルバスク錠5mg", "2171022F2025", "1回1錠 1日1回 朝食後", "5", "mg", 28);
    static final Drug CANDESARTAN = Drug.of("カンデサルタン錠4mg「JG」", "2149040F1093", "1回1錠 1日1回 朝食後", "4", "mg", 28);
    static final Drug VALSARTAN = Drug.of("バルサルタン錠80mg「日新」", "2149041F1292", "1回1錠 1日1回 朝食後", "80", "mg", 28);
    static final Drug METFORMIN = Drug.of("メトホルミン塩酸塩錠250mgMT「DSPB」", "3962002F2124", "1回1錠 1日2回 朝夕食後", "250", "mg", 28);
    static final Drug JARDIANCE = Drug.of("ジャディアンス錠10mg", "3969023F1023", "1回1錠 1日1回 朝食後", "10", "mg", 28);
    static final Drug GLIMEPIRIDE = Drug.of("グリメピリド錠1mg「サワイ」", "3961008F1217", "1回1錠 1日1回 朝食後", "1", "mg", 28);
    static final Drug LANTUS = Drug.of("ランタス注ソロスター", "2492416G2024", "1日1回 就寝前 8単位 皮下注射", "8", "単位", 28);
    static final Drug ATORVASTATIN = Drug.of("アトルバスタチン錠5mg「DSEP」", "2189015F1082", "1回1錠 1日1回 夕食後", "5", "mg", 28);
    static final Drug ROSUVASTATIN = Drug.of("ロスバスタチン錠2.5mg「サワイ」", "2189017F1154", "1回1錠 1日1回 夕食後", "2.5", "mg", 28);
    static final Drug SYMBICORT = Drug.of("シムビコートタービュヘイラー30吸入", "2290801G1029", "1回2吸入 1日2回 朝夕", "2", "吸入", 30);
    static final Drug FLUTIDE = Drug.of("フルタイド200ディスカス", "2290700G7032", "1回1吸入 1日2回 朝夕", "1", "吸入", 30);
    static final Drug SPIRIVA = Drug.of("スピリーバ吸入用カプセル18μg", "2259709G1027", "1回1カプセル 1日1回 吸入", "18", "μg", 28);
    static final Drug ELIQUIS = Drug.of("エリキュース錠2.5mg", "3339004F1029", "1回1錠 1日2回 朝夕食後", "2.5", "mg", 28);
    static final Drug WARFARIN = Drug.of("ワルファリンK錠1mg「トーワ」", "3332001F1083", "1回2錠 1日1回 朝食後", "2", "mg", 28);
    static final Drug BISOPROLOL = Drug.of("ビソプロロールフマル酸塩錠2.5mg「JG」", "2123016F1174", "1回1錠 1日1回 朝食後", "2.5", "mg", 28);
    static final Drug FUROSEMIDE = Drug.of("フロセミド錠20mg「NP」", "2139005F1060", "1回1錠 1日1回 朝食後", "20", "mg", 28);
    static final Drug SPIRONOLACTONE = Drug.of("スピロノラクトン錠25mg「トーワ」", "2133001F1476", "1回1錠 1日1回 朝食後", "25", "mg", 28);
    static final Drug CARVEDILOL = Drug.of("カルベジロール錠2.5mg「サワイ」", "2149032F1099", "1回1錠 1日2回 朝夕食後", "2.5", "mg", 28);
    static final Drug ENALAPRIL = Drug.of("エナラプリルマレイン酸塩錠5mg「JG」", "2144002F1210", "1回1錠 1日1回 朝食後", "5", "mg", 28);
    static final Drug ASPIRIN = Drug.of("アスピリン腸溶錠100mg「ZE」", "3399007H1137", "1回1錠 1日1回 朝食後", "100", "mg", 28);
    static final Drug CLOPIDOGREL = Drug.of("クロピドグレル錠75mg「サワイ」", "3399008F1203", "1回1錠 1日1回 朝食後", "75", "mg", 28);
    static final Drug LOXOPROFEN = Drug.of("ロキソプロフェンNa錠60mg「TCK」", "1149019F1706", "1回1錠 1日3回 毎食後", "60", "mg", 14);
    static final Drug CELECOX = Drug.of("セレコックス錠100mg", "1149037F1020", "1回1錠 1日2回 朝夕食後", "100", "mg", 28);
    static final Drug DONEPEZIL = Drug.of("ドネペジル塩酸塩錠5mg「DSEP」", "1190012F1042", "1回1錠 1日1回 朝食後", "5", "mg", 28);
    static final Drug ZOLPIDEM = Drug.of("ゾルピデム酒石酸塩錠5mg「明治」", "1129009F1335", "1回1錠 1日1回 就寝前", "5", "mg", 28);
    static final Drug DULOXETINE = Drug.of("デュロキセチンカプセル20mg「トーワ」", "1179052M1111", "1回1カプセル 1日1回 朝食後", "20", "mg", 28);
    static final Drug PREGABALIN = Drug.of("プレガバリンOD錠75mg「トーワ」", "1190017F1185", "1回1錠 1日2回 朝夕食後", "75", "mg", 28);
    static final Drug FEXOFENADINE = Drug.of("フェキソフェナジン塩酸塩錠60mg「サワイ」", "4490023F1270", "1回1錠 1日2回 朝夕食後", "60", "mg", 28);
    static final Drug ACETAMINOPHEN = Drug.of("アセトアミノフェン錠200mg「マルイシ」", "1141007F1195", "1回2錠 発熱時 頓用", "400", "mg", 5);
    static final Drug CLARITHROMYCIN = Drug.of("クラリスロマイシン錠200mg「サワイ」", "6149003F2100", "1回1錠 1日2回 朝夕食後", "200", "mg", 5);
    static final Drug MAGNESIUM_OXIDE = Drug.of("酸化マグネシウム錠330mg「ケンエー」", "2344009F1086", "1回1錠 1日3回 毎食後", "330", "mg", 28);
    static final Drug TRANEXAMIC_ACID = Drug.of("トラネキサム酸錠250mg「YD」", "3327002F1169", "1回1錠 1日3回 毎食後", "250", "mg", 5);
    static final Drug PREDONINE = Drug.of("プレドニン錠5mg", "2456001F1310", "1回2錠 1日1回 朝食後", "10", "mg", 28);
    static final Drug LEVODOPA = Drug.of("ネオドパストン配合錠L100", "1169101F1120", "1回1錠 1日3回 毎食後", "100", "mg", 28);
    static final Drug LANSOPRAZOLE = Drug.uncoded("ランソプラゾールOD錠15mg「サワイ」", "1回1錠 1日1回 朝食後", "15", "mg", 28);
    static final Drug FEBUXOSTAT = Drug.uncoded("フェブキソスタット錠20mg「サワイ」", "1回1錠 1日1回 朝食後", "20", "mg", 28);
    static final Drug ALENDRONATE = Drug.uncoded("アレンドロン酸錠35mg「DK」", "1回1錠 週1回 起床時", "35", "mg", 28);
    static final Drug MESALAZINE = Drug.uncoded("メサラジン腸溶錠400mg「サワイ」", "1回3錠 1日3回 毎食後", "1200", "mg", 28);
    static final Drug HYDROXYCHLOROQUINE = Drug.uncoded("プラケニル錠200mg", "1回1錠 1日1回 朝食後", "200", "mg", 28);
    static final Drug PYRIDOSTIGMINE = Drug.uncoded("メスチノン錠60mg", "1回1錠 1日3回 毎食後", "60", "mg", 28);
    static final Drug FINGOLIMOD = Drug.uncoded("イムセラカプセル0.5mg", "1回1カプセル 1日1回 朝", "0.5", "mg", 28);
    static final Drug PIRFENIDONE = Drug.uncoded("ピレスパ錠200mg", "1回2錠 1日3回 毎食後", "400", "mg", 28);
    static final Drug URSODIOL = Drug.uncoded("ウルソデオキシコール酸錠100mg「トーワ」", "1回2錠 1日3回 毎食後", "200", "mg", 28);
    static final Drug RILUZOLE = Drug.uncoded("リルテック錠50", "1回1錠 1日2回 朝夕食前", "50", "mg", 28);
    static final Drug COLCHICINE = Drug.uncoded("コルヒチン錠0.5mg「タカタ」", "1回1錠 1日2回 朝夕食後", "0.5", "mg", 28);
    static final Drug TACROLIMUS = Drug.uncoded("プログラフカプセル1mg", "1回3カプセル 1日1回 夕食後", "3", "mg", 28);

    // ---------------------------------------------------------------- diseases

    /** A diagnosis as 標準病名 with its ICD-10 code; {@code nanbyo} is the 指定難病 number, if it is one. */
    record Disease(String name, String icd10, Optional<Integer> nanbyo) {

        static Disease of(String name, String icd10) {
            return new Disease(name, icd10, Optional.empty());
        }
    }

    static final Disease HYPERTENSION = Disease.of("本態性高血圧症", "I10");
    static final Disease DIABETES = Disease.of("2型糖尿病", "E11.9");
    static final Disease DYSLIPIDAEMIA = Disease.of("脂質異常症", "E78.5");
    static final Disease CKD = Disease.of("慢性腎臓病", "N18.9");
    static final Disease ASTHMA = Disease.of("気管支喘息", "J45.9");
    static final Disease COPD = Disease.of("慢性閉塞性肺疾患", "J44.9");
    static final Disease HYPERURICAEMIA = Disease.of("高尿酸血症", "E79.0");
    static final Disease ATRIAL_FIBRILLATION = Disease.of("心房細動", "I48.9");
    static final Disease HEART_FAILURE = Disease.of("慢性心不全", "I50.9");
    static final Disease ANGINA = Disease.of("狭心症", "I20.9");
    static final Disease OSTEOPOROSIS = Disease.of("閉経後骨粗鬆症", "M81.0");
    static final Disease KNEE_OA = Disease.of("変形性膝関節症", "M17.9");
    static final Disease LUMBAGO = Disease.of("腰痛症", "M54.5");
    static final Disease DEMENTIA = Disease.of("アルツハイマー型認知症", "G30.9");
    static final Disease GERD = Disease.of("逆流性食道炎", "K21.0");
    static final Disease INSOMNIA = Disease.of("不眠症", "G47.0");
    static final Disease POLLINOSIS = Disease.of("花粉症", "J30.1");
    static final Disease DEPRESSION = Disease.of("うつ病", "F32.9");
    static final Disease CONSTIPATION = Disease.of("便秘症", "K59.0");
    static final Disease HEPATITIS_B = Disease.of("慢性B型肝炎", "B18.1");
    static final Disease HEPATITIS_C = Disease.of("慢性C型肝炎", "B18.2");
    static final Disease SYPHILIS = Disease.of("梅毒", "A53.9");
    static final Disease COVID_19 = Disease.of("COVID-19", "U07.1");
    static final Disease URI = Disease.of("急性上気道炎", "J06.9");
    static final Disease GASTROENTERITIS = Disease.of("感染性胃腸炎", "A09");
    static final Disease BRONCHITIS = Disease.of("急性気管支炎", "J20.9");
    static final Disease PNEUMONIA = Disease.of("肺炎", "J18.9");
    static final Disease HIP_FRACTURE = Disease.of("大腿骨頸部骨折", "S72.0");
    static final Disease STROKE = Disease.of("脳梗塞", "I63.9");
    static final Disease HF_EXACERBATION = Disease.of("うっ血性心不全", "I50.0");
    static final Disease CYSTITIS = Disease.of("急性膀胱炎", "N30.0");
    static final Disease APPENDICITIS = Disease.of("急性虫垂炎", "K35.8");
    static final Disease GALLSTONE = Disease.of("胆嚢結石症", "K80.2");
    static final Disease FOREARM_FRACTURE = Disease.of("橈骨遠位端骨折", "S52.5");
    static final Disease THREATENED_PRETERM = Disease.of("切迫早産", "O60.0");

    /** Cancers, the diagnoses most often not yet told to the patient (未告知). */
    static final List<Disease> CANCERS = List.of(Disease.of("胃癌", "C16.9"), Disease.of("大腸癌", "C18.9"),
            Disease.of("肺癌", "C34.9"), Disease.of("膵癌", "C25.9"), Disease.of("肝細胞癌", "C22.0"),
            Disease.of("前立腺癌", "C61"), Disease.of("乳癌", "C50.9"));

    /**
     * A 指定難病 with who gets it: the weight follows the number of 受給者証 holders (thousands, rounded),
     * the share of women and the usual age at onset.
     */
    record Rare(Disease disease, double weight, double femaleShare, int minAge, List<Drug> drugs, List<Lab> labs) {

        static Rare of(int nanbyo, String name, String icd10, double weight, double femaleShare, int minAge,
                List<Drug> drugs, List<Lab> labs) {
            return new Rare(new Disease(name, icd10, Optional.of(nanbyo)), weight, femaleShare, minAge, drugs, labs);
        }
    }

    static final List<Rare> RARE = List.of(
            Rare.of(6, "パーキンソン病", "G20", 145, 0.55, 50, List.of(LEVODOPA), List.of()),
            Rare.of(97, "潰瘍性大腸炎", "K51.9", 140, 0.45, 15, List.of(MESALAZINE), List.of(CRP, ALB, HB)),
            Rare.of(49, "全身性エリテマトーデス", "M32.9", 65, 0.9, 15, List.of(PREDONINE, HYDROXYCHLOROQUINE),
                    List.of(C3, C4, DS_DNA, WBC, PLT)),
            Rare.of(96, "クローン病", "K50.9", 50, 0.3, 12, List.of(MESALAZINE), List.of(CRP, ALB, HB)),
            Rare.of(69, "後縦靱帯骨化症", "M48.8", 35, 0.35, 45, List.of(CELECOX), List.of()),
            Rare.of(18, "脊髄小脳変性症", "G11.9", 28, 0.5, 30, List.of(), List.of()),
            Rare.of(51, "全身性強皮症", "M34.9", 28, 0.85, 30, List.of(LANSOPRAZOLE), List.of(CRP)),
            Rare.of(50, "皮膚筋炎／多発性筋炎", "M33.9", 24, 0.7, 30, List.of(PREDONINE), List.of(CK, CRP)),
            Rare.of(11, "重症筋無力症", "G70.0", 25, 0.65, 20, List.of(PYRIDOSTIGMINE, PREDONINE), List.of(CK)),
            Rare.of(57, "特発性拡張型心筋症", "I42.0", 20, 0.3, 30, List.of(CARVEDILOL, ENALAPRIL, FUROSEMIDE),
                    List.of(BNP, K)),
            Rare.of(13, "多発性硬化症", "G35", 20, 0.75, 18, List.of(FINGOLIMOD), List.of(WBC)),
            Rare.of(85, "特発性間質性肺炎", "J84.1", 18, 0.3, 55, List.of(PIRFENIDONE), List.of(KL6, LD, CRP)),
            Rare.of(93, "原発性胆汁性胆管炎", "K74.3", 18, 0.85, 40, List.of(URSODIOL), List.of(ALP, GGT)),
            Rare.of(84, "サルコイドーシス", "D86.9", 17, 0.65, 20, List.of(), List.of(CRP)),
            Rare.of(63, "特発性血小板減少性紫斑病", "D69.3", 17, 0.6, 10, List.of(PREDONINE), List.of(PLT)),
            Rare.of(71, "特発性大腿骨頭壊死症", "M87.0", 18, 0.4, 30, List.of(CELECOX), List.of()),
            Rare.of(22, "もやもや病", "I67.5", 15, 0.65, 5, List.of(ASPIRIN), List.of()),
            Rare.of(56, "ベーチェット病", "M35.2", 14, 0.5, 20, List.of(COLCHICINE), List.of(CRP)),
            Rare.of(2, "筋萎縮性側索硬化症", "G12.2", 10, 0.4, 50, List.of(RILUZOLE), List.of(CK)),
            Rare.of(17, "多系統萎縮症", "G90.3", 11, 0.45, 50, List.of(), List.of()),
            Rare.of(5, "進行性核上性麻痺", "G23.1", 11, 0.45, 60, List.of(LEVODOPA), List.of()),
            Rare.of(66, "IgA腎症", "N02.8", 11, 0.5, 15, List.of(CANDESARTAN), List.of(CRE, EGFR, URINE_PROTEIN)),
            Rare.of(67, "多発性嚢胞腎", "Q61.2", 11, 0.5, 30, List.of(AMLODIPINE), List.of(CRE, EGFR)),
            Rare.of(86, "肺動脈性肺高血圧症", "I27.0", 4, 0.75, 20, List.of(), List.of(BNP)),
            Rare.of(90, "網膜色素変性症", "H35.5", 25, 0.5, 20, List.of(), List.of()),
            Rare.of(58, "肥大型心筋症", "I42.2", 5, 0.35, 20, List.of(BISOPROLOL), List.of(BNP)),
            Rare.of(46, "悪性関節リウマチ", "M05.3", 5, 0.7, 40, List.of(PREDONINE), List.of(CRP)),
            Rare.of(65, "原発性免疫不全症候群", "D84.9", 2, 0.4, 1, List.of(), List.of(WBC)),
            Rare.of(3, "脊髄性筋萎縮症", "G12.1", 1, 0.5, 1, List.of(), List.of(CK)),
            Rare.of(95, "自己免疫性肝炎", "K75.4", 6, 0.85, 30, List.of(PREDONINE), List.of(AST, ALT)),
            Rare.of(222, "一次性ネフローゼ症候群", "N04.9", 7, 0.45, 10, List.of(PREDONINE, TACROLIMUS),
                    List.of(ALB, URINE_PROTEIN)));
}
