package jp.tsunagu.record;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.UUID;

import javax.imageio.ImageIO;

import com.microsoft.playwright.Page;
import jp.tsunagu.BrowserSession;
import jp.tsunagu.Chromium;
import jp.tsunagu.consent.Scene;
import jp.tsunagu.directory.Directory;
import jp.tsunagu.directory.Patient;
import jp.tsunagu.identity.Role;
import jp.tsunagu.identity.TestActors;
import jp.tsunagu.shared.JapanTime;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The printable summary printed to PDF by Chromium, the engine of the patient's own print dialog, from a
 * desktop window and from a phone, in Japanese and in English; PDFBox reads it back. Everything the page
 * holds must reach the paper: every section, the last rows of the long tables, whose summary it is on
 * every page, and page numbers that count the real pages. Pages are also rendered to
 * {@code target/screenshots/print-*} to look at.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tsunagu.demo.population.patients=5", "tsunagu.demo.population.seed=11"})
@ActiveProfiles("test")
class SummaryPrintBrowserIT {

    private static final List<String> SECTIONS = List.of("summary.title", "summary.allergies", "summary.diagnoses",
            "summary.prescriptions", "summary.labs");

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MyRecord myRecord;
    @Autowired
    Directory directory;

    private BrowserSession session;

    @Autowired
    RecordService records;

    /** The checkup's lab tests added to her record, once for the class (each IT class has its own database). */
    private static boolean checkupStored;

    @BeforeEach
    void demo() throws Exception {
        DemoAccounts.await(jdbc);
        // Two cores shared by several builds: a page or an import can take longer than Playwright's 5 s.
        com.microsoft.playwright.assertions.PlaywrightAssertions.setDefaultAssertionTimeout(30_000);
        if (!checkupStored) {
            storeCheckup();
            checkupStored = true;
        }
    }

    /**
     * A full health checkup (人間ドック) over the last months: forty tests, so the lab table alone runs over
     * more than one A4 page, as the record of anybody with a chronic illness soon does.
     */
    private void storeCheckup() {
        String code = "13" + (10_000_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(89_999_999));
        var patient = asSato(() -> directory.signedInPatient().orElseThrow()).id();
        jp.tsunagu.identity.SystemActor.call("test", () -> {
            var clinic = directory.organisation(jp.tsunagu.directory.OrganisationDetails.of(
                    jp.tsunagu.directory.OrganisationKind.HOSPITAL, "健診センター",
                    jp.tsunagu.directory.Identifier.medicalInstitution(code)));
            List<NewItem> tests = new java.util.ArrayList<>();
            for (int n = 1; n <= 40; n++) {
                Instant taken = Instant.now().minus(java.time.Duration.ofDays(5L * n));
                var lab = new LabResult("健診項目" + n + " 血清検査", java.util.Optional.empty(),
                        java.util.Optional.of(new java.math.BigDecimal(10 + n)), java.util.Optional.empty(),
                        java.util.Optional.of("mg/dL"), java.util.Optional.of(java.math.BigDecimal.TEN),
                        java.util.Optional.of(new java.math.BigDecimal(60)), java.util.Optional.empty(),
                        java.util.Optional.of(taken));
                tests.add(new NewItem(lab, new Source(java.util.Optional.of(clinic), "checkup|" + n + "|" + code,
                        java.util.Optional.empty(), java.util.Optional.empty()), false, List.of()));
            }
            return records.store(new IncomingBatch(patient, java.util.Optional.of(clinic), "collection",
                    java.util.Optional.empty(), code, java.util.Optional.empty(), "test", tests));
        });
    }

    @AfterEach
    void close() {
        if (session != null) {
            session.close();
        }
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"1280, 800", "390, 844"})
    void summaryPrintsWhole_withHeaderAndPageNumbers_inJapaneseAndEnglish(int width, int height) throws Exception {
        // What the summary must hold, from the record as the patient's own service gives it.
        List<MyItem> items = asSato(myRecord::items);
        Patient sato = asSato(() -> directory.signedInPatient().orElseThrow());
        LocalDate today = JapanTime.dateOf(Instant.now());
        Instant yearAgo = JapanTime.startOfDay(today.minusMonths(12));
        List<MyItem> labs = items.stream().filter(i -> i.content() instanceof LabResult && i.date().isAfter(yearAgo))
                .toList();
        List<MyItem> prescriptions = items.stream()
                .filter(i -> i.content() instanceof Prescription p && p.currentOn(today)).toList();
        assertThat(labs).as("the demo patient's lab results of the last year").hasSizeGreaterThan(5);
        assertThat(prescriptions).as("the demo patient's current prescriptions").isNotEmpty();
        MyItem lastLab = labs.stream().max(java.util.Comparator.comparing(MyItem::date)).orElseThrow();
        MyItem lastPrescription = prescriptions.stream().max(java.util.Comparator.comparing(MyItem::date)).orElseThrow();

        session = new BrowserSession(Chromium.shared(), port, width, height);
        Page page = session.page();
        session.signIn("patient.sato");
        page.navigate(session.url("/patient/summary"));
        assertThat(page.locator("#summary-print")).isVisible();

        for (Locale language : List.of(Locale.JAPANESE, Locale.ENGLISH)) {
            ResourceBundle texts = bundle(language);
            if (language == Locale.ENGLISH) {
                page.locator("#language-switch").click();
            }
            assertThat(page.locator("h1")).hasText(texts.getString("summary.title"));
            session.awaitLive(); // printed from the live page, as her print button does
            String name = "print-summary-" + language.getLanguage() + "-" + width + "x" + height;
            byte[] pdf = page.pdf(new Page.PdfOptions().setFormat("A4").setPreferCSSPageSize(true)
                    .setPrintBackground(true));
            Files.createDirectories(BrowserSession.SCREENSHOTS);
            Files.write(BrowserSession.SCREENSHOTS.resolve(name + ".pdf"), pdf);

            try (PDDocument document = Loader.loadPDF(pdf)) {
                int pages = document.getNumberOfPages();
                String all = squeeze(text(document, 1, pages));
                assertThat(pages).as("the summary of a patient with a year of lab results").isGreaterThan(1);
                for (String section : SECTIONS) {
                    assertThat(all).as(section).contains(squeeze(texts.getString(section)));
                }
                for (MyItem lab : labs) {
                    assertThat(all).as("lab result " + lab.content()).contains(squeeze(ItemTexts.title(lab.content())));
                }
                assertThat(all).as("the newest lab result").contains(squeeze(ItemTexts.title(lastLab.content())));
                for (MyItem prescription : prescriptions) {
                    assertThat(all).as("prescription " + prescription.content())
                            .contains(squeeze(ItemTexts.title(prescription.content())));
                }
                assertThat(all).as("the newest prescription")
                        .contains(squeeze(ItemTexts.title(lastPrescription.content())));
                assertThat(all).contains(squeeze(texts.getString("summary.footer")));

                String header = squeeze(java.text.MessageFormat.format(texts.getString("summary.pageHeader"),
                        sato.details().name().display(), JapanTime.day(sato.details().birthDate())));
                String printed = squeeze(texts.getString("summary.printedAt").replace("{0}", ""));
                for (int number = 1; number <= pages; number++) {
                    String onPage = squeeze(text(document, number, number));
                    assertThat(onPage).as("page " + number + " of " + pages).contains(number + "/" + pages)
                            .contains(header).contains(printed + JapanTime.day(today));
                }
                PDFRenderer renderer = new PDFRenderer(document);
                for (int index : new int[] {0, pages - 1}) {
                    ImageIO.write(renderer.renderImageWithDPI(index, 60), "png",
                            BrowserSession.SCREENSHOTS.resolve(name + "-page" + (index + 1) + ".png").toFile());
                }
            }
        }
        // Back to Japanese: the choice is kept with the account, and the other window size starts in Japanese.
        page.locator("#language-switch").click();
        assertThat(page.locator("h1")).hasText(bundle(Locale.JAPANESE).getString("summary.title"));
    }

    /**
     * Issue 18: the International Patient Summary she takes abroad, downloaded from her phone in Japanese and then
     * in English. HAPI's strict parser reads it; its four sections hold exactly her allergies, active problems,
     * current medicines and the latest result of each test, every entry resolves inside the document, and each
     * download is in her access log as her own.
     */
    @Test
    void theInternationalPatientSummary_isAStrictFhirDocument_withHerFourSections_inJapaneseAndEnglish() throws Exception {
        List<MyItem> mine = asSato(myRecord::items).stream().filter(item -> !item.provenance().quarantined()).toList();
        LocalDate today = JapanTime.dateOf(Instant.now());
        long allergies = mine.stream().filter(item -> item.content() instanceof Allergy).count();
        long problems = mine.stream().filter(item -> item.content() instanceof Diagnosis d && d.active()).count();
        long medicines = mine.stream().filter(item -> item.content() instanceof Prescription p && p.currentOn(today)).count();
        long tests = mine.stream().filter(item -> item.content() instanceof LabResult).map(item -> {
            LabResult lab = (LabResult) item.content();
            return lab.code().map(c -> c.system() + "|" + c.code()).orElse(lab.name());
        }).distinct().count();
        assertThat(allergies * problems * medicines * tests).as("a record with all four").isPositive();
        UUID sato = asSato(() -> directory.signedInPatient().orElseThrow()).id().value();
        int logged = ipsDownloads(sato);

        session = new BrowserSession(Chromium.shared(), port, 390, 844);
        session.signIn("patient.sato");
        Page page = session.page();
        var parser = ca.uhn.fhir.context.FhirContext.forR4Cached().newJsonParser()
                .setParserErrorHandler(new ca.uhn.fhir.parser.StrictErrorHandler());
        for (String language : List.of("ja", "en")) {
            page.navigate(session.url("/patient/download"));
            if (language.equals("en")) {
                page.locator("#language-switch").click();
                assertThat(page.locator("#download-ips")).hasText("Download the IPS");
            }
            var download = page.waitForDownload(() -> page.locator("#download-ips").click());
            var bundle = parser.parseResource(org.hl7.fhir.r4.model.Bundle.class, Files.readString(download.path()));

            assertThat(bundle.getType()).isEqualTo(org.hl7.fhir.r4.model.Bundle.BundleType.DOCUMENT);
            var composition = (org.hl7.fhir.r4.model.Composition) bundle.getEntryFirstRep().getResource();
            assertThat(composition.getType().getCodingFirstRep().getCode()).isEqualTo("60591-5");
            assertThat(composition.getLanguage()).isEqualTo(language);
            var fullUrls = bundle.getEntry().stream().map(e -> e.getFullUrl()).collect(java.util.stream.Collectors.toSet());
            java.util.Map<String, Integer> counts = new java.util.HashMap<>();
            for (var section : composition.getSection()) {
                counts.put(section.getCode().getCodingFirstRep().getCode(), section.getEntry().size());
                assertThat(section.getEntry()).as("every entry is in the document")
                        .allMatch(ref -> fullUrls.contains(ref.getReference()));
            }
            assertThat(counts).containsEntry("48765-2", (int) allergies).containsEntry("11450-4", (int) problems)
                    .containsEntry("10160-0", (int) medicines).containsEntry("30954-2", (int) tests);
            assertThat(composition.getSection().get(0).getText().getDivAsString()).contains("ヨード造影剤");
            assertThat(composition.getSection().get(0).getTitle())
                    .isEqualTo(language.equals("ja") ? "アレルギー・不耐症" : "Allergies and intolerances");
        }
        assertThat(ipsDownloads(sato)).as("both downloads, logged as hers").isEqualTo(logged + 2);
        page.locator("#language-switch").click(); // her account speaks Japanese again for the other tests
        assertThat(page.locator("#download-ips")).hasText("IPS をダウンロード");
        page.navigate(session.url("/patient/access-log"));
        assertThat(page.locator("#access-log")).containsText("国際患者サマリー（IPS）が書き出されました");
    }

    private int ipsDownloads(UUID patient) {
        return jdbc.sql("""
                        select count(*) from audit_access_log where patient_id = :p and action = 'EXPORT'
                        and reason = 'ips-summary' and purpose = 'OWN_DOWNLOAD'""")
                .param("p", patient).query(Integer.class).single();
    }

    private static <T> T asSato(java.util.function.Supplier<T> work) {
        return Scene.as(() -> TestActors.signIn("patient.sato", "佐藤 花子", Role.PATIENT), work);
    }

    private static String text(PDDocument document, int from, int to) throws IOException {
        var stripper = new PDFTextStripper();
        stripper.setStartPage(from);
        stripper.setEndPage(to);
        return stripper.getText(document);
    }

    /** Without white space: the PDF breaks lines in table cells and spaces out margin boxes as it likes. */
    private static String squeeze(String text) {
        return text.replaceAll("[\\s\\u3000]+", "");
    }

    /** The portal's own texts, Japanese being the base bundle (no fallback to the JVM's locale). */
    private static ResourceBundle bundle(Locale language) {
        return ResourceBundle.getBundle("i18n/messages", language == Locale.JAPANESE ? Locale.ROOT : language,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }
}
