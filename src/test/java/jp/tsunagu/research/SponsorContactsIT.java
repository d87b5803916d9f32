package jp.tsunagu.research;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.reset;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jp.tsunagu.audit.AccessLog;
import jp.tsunagu.directory.Directory;
import jp.tsunagu.identity.TestActors;
import jp.tsunagu.record.DemoAccounts;
import jp.tsunagu.research.studies.ContactsCsv;
import jp.tsunagu.research.studies.Studies;
import jp.tsunagu.research.studies.Study;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * The accepted contacts as a file, at the service: only the study's own sponsor gets it; it holds exactly the
 * accepted, not withdrawn patients; each of them is logged as read by the sponsor for trial recruitment; and
 * when a log row cannot be written, there is no file and no row stays behind (one transaction).
 */
@SpringBootTest(properties = {"tsunagu.demo.population.patients=5", "tsunagu.demo.population.seed=11"})
@ActiveProfiles("test")
class SponsorContactsIT {

    private static final ContactsCsv.Header HEADER = new ContactsCsv.Header("氏名", "電話番号", "メールアドレス", "参加希望の日時");

    @Autowired
    Studies studies;
    @Autowired
    Directory directory;
    @Autowired
    JdbcClient jdbc;
    @MockitoSpyBean
    AccessLog accessLog;

    private String run;
    private StudyId study;
    private List<UUID> patients;

    @BeforeEach
    void studyWithAnswers() throws Exception {
        DemoAccounts.await(jdbc);
        run = UUID.randomUUID().toString().substring(0, 6);
        StudyId[] id = new StudyId[1];
        TestSponsor.as(directory, "A" + run, () -> id[0] = studies.register(new Study.Draft("試験 " + run, "説明",
                "東京中央病院", "03-0000-0001", new Criterion.Diagnosis("M32"))));
        study = id[0];
        // The synthetic population is loaded after the demo accounts: wait for three patients.
        for (int i = 0; i < 120 && jdbc.sql("select count(*) from directory_patient").query(Long.class).single() < 3;
                i++) {
            Thread.sleep(500);
        }
        patients = jdbc.sql("select id from directory_patient order by id limit 3").query(UUID.class).list();
        assertThat(patients).hasSize(3);
        Instant at = Instant.parse("2026-12-07T01:00:00Z");
        answer(patients.get(0), "ACCEPTED", "=HYPERLINK(\"http://evil\")", "+81-90-1111-2222", at, false);
        answer(patients.get(1), "ACCEPTED", "佐藤 花子", "090-0000-0000", at.plusSeconds(60), false);
        answer(patients.get(2), "ACCEPTED", "取り下げた 人", "090-3333-3333", at.plusSeconds(120), true);
    }

    @AfterEach
    void signOut() {
        reset(spy());
        TestActors.signOut();
    }

    /** The Mockito spy behind the security and transaction proxy: stubbing the proxy would run its checks. */
    private AccessLog spy() {
        return org.springframework.test.util.AopTestUtils.getUltimateTargetObject(accessLog);
    }

    private void answer(UUID patient, String status, String name, String phone, Instant at, boolean withdrawn) {
        jdbc.sql("""
                        insert into research_invitation (id, study_id, patient_id, sent_at, status, answered_at,
                            contact_name, contact_phone, contact_email, withdrawn_at)
                        values (:id, :s, :p, :sent, :status, :at, :name, :phone, :email, :withdrawn)""")
                .param("id", UUID.randomUUID()).param("s", study.value()).param("p", patient)
                .param("sent", Timestamp.from(at.minusSeconds(3600))).param("status", status)
                .param("at", Timestamp.from(at)).param("name", name).param("phone", phone)
                .param("email", name == null ? null : "p" + run + "@example.jp")
                .param("withdrawn", withdrawn ? Timestamp.from(at.plusSeconds(30)) : null).update();
    }

    private List<UUID> loggedFileReads() {
        return jdbc.sql("""
                        select patient_id from audit_access_log where reason = 'invitation-contact-file'
                        and patient_id = any(:p) and actor = :actor order by seq""")
                .param("p", patients.toArray(UUID[]::new)).param("actor", "sponsor-A" + run)
                .query(UUID.class).list();
    }

    @Test
    void theFileHoldsExactlyTheAcceptedNotWithdrawnContacts_eachLoggedOnceAsTheSponsorsRead() {
        Studies.ContactsFile[] file = new Studies.ContactsFile[1];
        TestSponsor.as(directory, "A" + run, () -> file[0] = studies.contactsFile(study, HEADER));

        assertThat(file[0].fileName()).matches("study-" + study.value().toString().substring(0, 8)
                + "-contacts-\\d{4}-\\d{2}-\\d{2}\\.csv");
        byte[] bytes = file[0].bytes();
        assertThat(new byte[] {bytes[0], bytes[1], bytes[2]}).containsExactly(0xEF, 0xBB, 0xBF);
        String[] lines = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8).split("\r\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).isEqualTo("\"氏名\",\"電話番号\",\"メールアドレス\",\"参加希望の日時\"");
        assertThat(lines[1]).startsWith("\"'=HYPERLINK(\"\"http://evil\"\")\",\"'+81-90-1111-2222\"");
        assertThat(lines[2]).startsWith("\"佐藤 花子\",\"090-0000-0000\"");
        assertThat(String.join("\n", lines)).doesNotContain("取り下げた");

        assertThat(loggedFileReads()).containsExactly(patients.get(0), patients.get(1));
        var row = jdbc.sql("""
                        select action, outcome, purpose, categories::text, actor_role from audit_access_log
                        where reason = 'invitation-contact-file' and patient_id = :p and actor = :actor""")
                .param("p", patients.get(1)).param("actor", "sponsor-A" + run)
                .query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5))).single();
        assertThat(row).containsExactly("READ", "PERMITTED", "TRIAL_RECRUITMENT", "{CONTACT}", "SPONSOR");
    }

    @Test
    void anotherSponsorGetsNoFileAndNothingIsLogged() {
        TestSponsor.as(directory, "B" + run, () -> {
            assertThatThrownBy(() -> studies.contactsFile(study, HEADER)).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> studies.figureSeen(study)).isInstanceOf(AccessDeniedException.class);
        });
        assertThat(loggedFileReads()).isEmpty();
    }

    @Test
    void whenALogRowCannotBeWrittenThereIsNoFileAndNoRowStays() {
        AtomicInteger calls = new AtomicInteger();
        // The first patient's row is written, the second's fails: the first must not stay behind either.
        doAnswer(invocation -> {
            boolean fileRead = invocation.<jp.tsunagu.audit.NewAccess>getArgument(0).reason()
                    .equals("invitation-contact-file");
            if (fileRead && calls.incrementAndGet() > 1) {
                throw new IllegalStateException("the access log is unavailable");
            }
            return invocation.callRealMethod();
        }).when(spy()).record(any());
        Studies.ContactsFile[] file = new Studies.ContactsFile[1];
        TestSponsor.as(directory, "A" + run, () -> assertThatThrownBy(() -> file[0] = studies.contactsFile(study,
                HEADER)).isInstanceOf(IllegalStateException.class));
        assertThat(file[0]).isNull();
        assertThat(calls).hasValue(2);
        assertThat(loggedFileReads()).isEmpty();
    }
}
