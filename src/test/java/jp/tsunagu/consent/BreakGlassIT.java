package jp.tsunagu.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;

import jp.tsunagu.audit.AccessEntry;
import jp.tsunagu.audit.AccessLog;
import jp.tsunagu.directory.Directory;
import jp.tsunagu.identity.Role;
import jp.tsunagu.identity.SystemActor;
import jp.tsunagu.identity.StepUpRequiredException;
import jp.tsunagu.identity.TestActors;
import jp.tsunagu.record.RecordItem;
import jp.tsunagu.record.RecordService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * Break-the-glass: refused without a reason; open, it shows the whole shareable record, tells the
 * patient at once and is logged as EMERGENCY; it ends when its time is up (two seconds here); and it
 * waits in the stewards' queue until reviewed, once.
 */
@SpringBootTest(properties = "tsunagu.consent.emergency-duration=2s")
@ActiveProfiles("test")
class BreakGlassIT {

    @Autowired
    BreakGlass breakGlass;
    @Autowired
    SharedRecords shared;
    @Autowired
    MyConsent consent;
    @Autowired
    AccessLog log;
    @Autowired
    Directory directory;
    @Autowired
    RecordService records;
    @Autowired
    JdbcClient jdbc;

    private Scene scene;

    @BeforeEach
    void anUnsharedPatient() {
        scene = Scene.set(directory, records);
    }

    @Test
    void withoutAReasonOrExplanation_breakTheGlassIsRefused_andNothingIsStoredOrShown() {
        long before = jdbc.sql("select count(*) from consent_emergency_access").query(Long.class).single();
        assertThatThrownBy(() -> scene.asClinicianOf(scene.codeB(), () -> breakGlass.open(scene.patient(),
                Optional.empty(), "意識がない"))).hasMessage("emergency.error.reason");
        assertThatThrownBy(() -> scene.asClinicianOf(scene.codeB(), () -> breakGlass.open(scene.patient(),
                Optional.of(EmergencyReason.UNCONSCIOUS), "   "))).hasMessage("emergency.error.reason");
        assertThat(jdbc.sql("select count(*) from consent_emergency_access").query(Long.class).single())
                .isEqualTo(before);
        SharedView view = scene.asClinicianOf(scene.codeB(), () -> shared.readInEmergency(scene.patient()));
        assertThat(view.items()).isEmpty();
        assertThat(view.decisions().values()).allSatisfy(d -> assertThat(d.reason()).isEqualTo("noEmergency"));
    }

    @Test
    void aSignInOlderThanTheStepUpWindow_isRefused_andNothingIsStoredLoggedOrSent() {
        long before = jdbc.sql("select count(*) from consent_emergency_access").query(Long.class).single();
        long logged = jdbc.sql("select count(*) from audit_access_log").query(Long.class).single();
        assertThatThrownBy(() -> Scene.as(() -> TestActors.signInAt("dr-" + scene.run(), "医師", Role.CLINICIAN,
                scene.codeB(), java.time.Instant.now().minus(java.time.Duration.ofMinutes(11))),
                () -> breakGlass.open(scene.patient(), Optional.of(EmergencyReason.UNCONSCIOUS), "意識がない")))
                .isInstanceOf(StepUpRequiredException.class);
        assertThat(jdbc.sql("select count(*) from consent_emergency_access").query(Long.class).single())
                .isEqualTo(before);
        assertThat(jdbc.sql("select count(*) from audit_access_log").query(Long.class).single()).isEqualTo(logged);
        // Signed in again just now: the same act passes.
        assertThat(scene.asClinicianOf(scene.codeB(), () -> breakGlass.open(scene.patient(),
                Optional.of(EmergencyReason.UNCONSCIOUS), "意識がない")).patient()).isEqualTo(scene.patient());
    }

    @Test
    void open_showsTheRecord_tellsThePatient_logsEmergency_andExpires() throws Exception {
        EmergencyAccess access = scene.asClinicianOf(scene.codeB(), () -> breakGlass.open(scene.patient(),
                Optional.of(EmergencyReason.UNCONSCIOUS), "救急搬送、意識レベル低下。既往歴と処方の確認のため。"));
        assertThat(java.time.Duration.between(access.openedAt(), access.expiresAt())).hasSeconds(2);

        SharedView view = scene.asClinicianOf(scene.codeB(), () -> shared.readInEmergency(scene.patient()));
        assertThat(view.items()).extracting(RecordItem::content).extracting(Scene::name)
                .contains("高血圧症", "HbA1c", "アムロジピン錠5mg", "ペニシリン");
        assertThat(Scene.as(() -> TestActors.signInAt("dr-other-" + scene.run(), "別の医師", Role.CLINICIAN,
                scene.codeB()), () -> shared.readInEmergency(scene.patient())).items())
                .as("another clinician, even at the same hospital, has not broken the glass").isEmpty();

        List<InboxMessage> inbox = scene.asPatient(consent::inbox);
        assertThat(inbox).extracting(InboxMessage::kind).contains(InboxMessage.Kind.EMERGENCY_ACCESS);
        List<AccessEntry> patientLog = scene.asPatient(consent::accessLog);
        assertThat(patientLog).extracting(AccessEntry::action, AccessEntry::outcome).contains(
                org.assertj.core.groups.Tuple.tuple(AccessEntry.Action.EMERGENCY_ACCESS, AccessEntry.Outcome.PERMITTED),
                org.assertj.core.groups.Tuple.tuple(AccessEntry.Action.READ, AccessEntry.Outcome.PERMITTED));
        assertThat(patientLog).filteredOn(e -> e.action() == AccessEntry.Action.READ
                && e.outcome() == AccessEntry.Outcome.PERMITTED).allSatisfy(e ->
                        assertThat(e.purpose()).contains("EMERGENCY"));

        Thread.sleep(2_300);
        assertThat(scene.asClinicianOf(scene.codeB(), () -> breakGlass.openFor(scene.patient()))).isEmpty();
        SharedView after = scene.asClinicianOf(scene.codeB(), () -> shared.readInEmergency(scene.patient()));
        assertThat(after.items()).as("the time box has ended").isEmpty();
    }

    @Test
    void theStewardsQueue_holdsItUntilReviewed_once() {
        EmergencyAccess access = scene.asClinicianOf(scene.codeB(), () -> breakGlass.open(scene.patient(),
                Optional.of(EmergencyReason.LIFE_THREATENING), "心肺停止、蘇生中"));
        assertThat(asSteward(breakGlass::pendingReview)).extracting(EmergencyAccess::id).contains(access.id());

        assertThat(asSteward(() -> breakGlass.review(access.id(), true, "救急外来の記録と一致"))).isTrue();
        assertThat(asSteward(breakGlass::pendingReview)).extracting(EmergencyAccess::id).doesNotContain(access.id());
        assertThat(asSteward(() -> breakGlass.review(access.id(), false, "やはり不要"))).as("once").isFalse();
        assertThat(SystemActor.call("test", () -> log.aboutPatient(scene.patient().value(), 50)))
                .extracting(AccessEntry::action).contains(AccessEntry.Action.EMERGENCY_REVIEW);
        assertThatThrownBy(() -> jdbc.sql("update consent_emergency_access set detail = 'x' where id = :id")
                .param("id", access.id()).update()).hasMessageContaining("reviewed already");
        assertThatThrownBy(() -> scene.asClinicianOf(scene.codeB(), breakGlass::pendingReview))
                .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
    }

    private <T> T asSteward(java.util.function.Supplier<T> work) {
        return Scene.as(() -> TestActors.signIn("steward-" + scene.run(), "監査 太郎", Role.STEWARD), work);
    }
}
