package jp.tsunagu.research;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jp.tsunagu.consent.MyConsent;
import jp.tsunagu.consent.Purpose;
import jp.tsunagu.directory.Directory;
import jp.tsunagu.directory.Identifier;
import jp.tsunagu.directory.PatientDetails;
import jp.tsunagu.directory.PatientId;
import jp.tsunagu.directory.Sex;
import jp.tsunagu.identity.Role;
import jp.tsunagu.identity.SystemActor;
import jp.tsunagu.identity.TestActors;
import jp.tsunagu.record.Code;
import jp.tsunagu.record.IncomingBatch;
import jp.tsunagu.record.ItemContent;
import jp.tsunagu.record.LabResult;
import jp.tsunagu.record.NewItem;
import jp.tsunagu.record.Prescription;
import jp.tsunagu.record.RecordService;
import jp.tsunagu.record.Source;
import jp.tsunagu.research.counting.CohortIndexMaintenance;
import jp.tsunagu.research.postmarket.PostMarket;
import jp.tsunagu.research.postmarket.SafetySignal;
import jp.tsunagu.shared.PersonName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The post-market view on a hand-made population whose answer is known: 29 patients on a new drug, 15 with
 * ALT above three times the upper limit within 30 days after their first prescription (3 of them on day
 * 20), 3 before it, 5 only below the threshold, 12 others with eGFR down 36 % (the same 12 would be refused: their set
 * would differ from the 15 by three people), and 2 who opted out of
 * post-market use (with events, not counted).
 */
@SpringBootTest
@ActiveProfiles("test")
class PostMarketIT {

    private static final String DRUG = "3999001F1";
    private static final String ALT = "3B045000002327201";
    private static final String EGFR = "8A065000002391901";

    @Autowired
    PostMarket postMarket;
    @Autowired
    CohortIndexMaintenance maintenance;
    @Autowired
    MyConsent consent;
    @Autowired
    Directory directory;
    @Autowired
    RecordService records;

    private String run;

    @BeforeEach
    void ready() throws Exception {
        maintenance.awaitIdle(Duration.ofMinutes(1));
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void signOut() {
        TestActors.signOut();
    }

    @Test
    void countsPatientsWithTheSignalAfterTheFirstPrescription_againstBefore_onlyThoseWhoAllowIt() {
        LocalDate first = LocalDate.now().minusDays(60);
        List<PatientId> exposed = new ArrayList<>();
        for (int i = 0; i < 29; i++) {
            List<ItemContent> items = new ArrayList<>();
            items.add(drug(first));
            items.add(drug(first.plusDays(28)));
            if (i < 12) {
                items.add(alt("150", first.plusDays(10)));
            } else if (i < 15) {
                items.add(alt("150", first.plusDays(20)));
            } else if (i < 18) {
                items.add(alt("150", first.minusDays(10)));
            } else if (i < 23) {
                items.add(alt("100", first.plusDays(5)));
            }
            if (i >= 15 && i < 27) {
                items.add(egfr("70", first.minusDays(20)));
                items.add(egfr("45", first.plusDays(15)));
            }
            if (i >= 27) {
                items.add(alt("300", first.plusDays(3)));
            }
            exposed.add(patient(i, items));
        }
        // Two opt out on their own consent screen: their events do not count.
        for (int i = 27; i < 29; i++) {
            TestActors.signIn("pm-" + run + "-" + i, "患者", Role.PATIENT);
            consent.choose(Purpose.POST_MARKET, false);
            TestActors.signOut();
        }

        asSponsor(() -> {
            PostMarket.Analysis alt = postMarket.analyse(DRUG, SafetySignal.ALT_ABOVE_3X_ULN, 30);
            Figures.assertReleased(alt.exposed(), 27);
            Figures.assertReleased(alt.after(), 15);
            assertThat(alt.before().shown()).as("3 before: 10 or fewer").isFalse();

            PostMarket.Analysis egfr = postMarket.analyse(DRUG, SafetySignal.EGFR_DROP_30_PERCENT, 30);
            Figures.assertReleased(egfr.exposed(), 27);
            Figures.assertReleased(egfr.after(), 12);
            Figures.assertReleased(egfr.before(), 0);

            // A day wider finds the same people: the same figure. Fifteen days leaves out the three whose signal
            // came on day 20: told as 12 against 15 it would single them out, so it reads as the 30-day figure.
            assertThat(postMarket.analyse(DRUG, SafetySignal.ALT_ABOVE_3X_ULN, 31).after()).isEqualTo(alt.after());
            assertThat(postMarket.analyse(DRUG, SafetySignal.ALT_ABOVE_3X_ULN, 15).after()).isEqualTo(alt.after());
            assertThatThrownBy(() -> postMarket.analyse(DRUG, SafetySignal.ALT_ABOVE_3X_ULN, 3))
                    .isInstanceOfSatisfying(InvalidCriteriaException.class,
                            e -> assertThat(e.key()).isEqualTo("research.safety.error.days"));
        });
    }

    private PatientId patient(int i, List<ItemContent> items) {
        String subject = "pm-" + run + "-" + i;
        return SystemActor.call("test", () -> {
            PatientId p = directory.registerPatient(new PatientDetails(PersonName.of("市販", "後" + i, "シハン", "ゴ"),
                    LocalDate.of(1960, 5, 5), Sex.MALE, Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), List.of(new Identifier("urn:test:pm", subject))));
            directory.linkAccount(p, subject);
            List<NewItem> newItems = new ArrayList<>();
            for (int n = 0; n < items.size(); n++) {
                newItems.add(new NewItem(items.get(n), new Source(Optional.empty(), "test|" + subject + "-" + n,
                        Optional.empty(), Optional.empty()), false, List.of()));
            }
            records.store(new IncomingBatch(p, Optional.empty(), "collection", Optional.empty(), subject,
                    Optional.empty(), "test", newItems));
            return p;
        });
    }

    private static Prescription drug(LocalDate start) {
        return new Prescription("新薬錠10mg", Optional.of(Code.of(Code.YJ, DRUG + "010", "新薬錠10mg")), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of(start), Optional.of(start.plusDays(27)),
                Optional.of("active"));
    }

    private static LabResult alt(String value, LocalDate day) {
        return new LabResult("ALT", Optional.of(Code.of(Code.JLAC10, ALT, "ALT")), Optional.of(new BigDecimal(value)),
                Optional.empty(), Optional.of("U/L"), Optional.of(new BigDecimal("10")), Optional.of(new BigDecimal("42")),
                Optional.of("H"), Optional.of(at(day)));
    }

    private static LabResult egfr(String value, LocalDate day) {
        return new LabResult("eGFR", Optional.of(Code.of(Code.JLAC10, EGFR, "eGFR")), Optional.of(new BigDecimal(value)),
                Optional.empty(), Optional.of("mL/min/1.73m2"), Optional.of(new BigDecimal("60")), Optional.empty(),
                Optional.empty(), Optional.of(at(day)));
    }

    private static Instant at(LocalDate day) {
        return day.atStartOfDay(jp.tsunagu.shared.JapanTime.ZONE).plus(10, ChronoUnit.HOURS).toInstant();
    }

    private void asSponsor(Runnable work) {
        TestSponsor.as(directory, "S-PM" + run, work);
    }
}
