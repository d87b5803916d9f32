package jp.tsunagu.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jp.tsunagu.consent.DirectiveId;
import jp.tsunagu.consent.Grantee;
import jp.tsunagu.consent.MyConsent;
import jp.tsunagu.consent.SharedRecords;
import jp.tsunagu.directory.Directory;
import jp.tsunagu.directory.Identifier;
import jp.tsunagu.directory.OrganisationDetails;
import jp.tsunagu.directory.OrganisationId;
import jp.tsunagu.directory.OrganisationKind;
import jp.tsunagu.directory.PatientDetails;
import jp.tsunagu.directory.PatientId;
import jp.tsunagu.directory.Sex;
import jp.tsunagu.identity.Role;
import jp.tsunagu.identity.SystemActor;
import jp.tsunagu.identity.TestActors;
import jp.tsunagu.record.RecordCategory;
import jp.tsunagu.shared.PersonName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** A clinician finds only patients who share with their organisation or are treated there; others are nobody. */
@SpringBootTest
@ActiveProfiles("test")
class PatientFinderIT {

    private static final LocalDate BORN = LocalDate.of(1975, 5, 5);

    @Autowired
    PatientFinder finder;
    @Autowired
    Directory directory;
    @Autowired
    MyConsent consent;
    @Autowired
    SharedRecords shared;

    private String run;
    private String code;
    private PatientId sharing;
    private PatientId treated;
    private PatientId stranger;
    private DirectiveId grant;

    @BeforeEach
    void threePatientsWithTheSameNameAndBirthday() {
        run = UUID.randomUUID().toString().substring(0, 6);
        code = "13" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
        SystemActor.run("test", () -> {
            OrganisationId hospital = directory.organisation(OrganisationDetails.of(OrganisationKind.HOSPITAL,
                    "検索病院", Identifier.medicalInstitution(code)));
            sharing = patient("s");
            treated = patient("t");
            stranger = patient("x");
            directory.recordCare(treated, hospital);
            directory.linkAccount(sharing, "share-" + run);
            TestActors.signIn("share-" + run, "検索 花子", Role.PATIENT);
            grant = consent.grant(new Grantee.Organisation(hospital), EnumSet.of(RecordCategory.LAB), Set.of(),
                    Optional.empty());
        });
        TestActors.signInAt("dr-" + run, "医師", Role.CLINICIAN, code);
    }

    @AfterEach
    void signOut() {
        TestActors.signOut();
    }

    @Test
    void nameAndBirthDate_findTheSharingAndTheTreatedPatient_neverTheStrangerWithTheSameName() {
        List<FoundPatient> found = finder.byNameAndBirthDate("検索 花子" + run, Optional.of(BORN));

        assertThat(found).extracting(FoundPatient::id).containsExactlyInAnyOrder(sharing, treated);
        assertThat(found).filteredOn(f -> f.id().equals(sharing)).singleElement()
                .satisfies(f -> assertThat(f.shares()).isTrue());
        assertThat(finder.byNameAndBirthDate("ケンサク ハナコ" + run, Optional.of(BORN))).as("in kana").hasSize(2);
        assertThat(finder.byNameAndBirthDate("検索", Optional.of(BORN))).as("no partial names").isEmpty();
        assertThat(finder.byNameAndBirthDate("検索花子" + run, Optional.of(BORN.plusDays(1)))).isEmpty();
    }

    @Test
    void portalId_ofAStranger_isAnswered_exactlyLikeAnIdThatDoesNotExist() {
        assertThat(finder.byPortalId(sharing.value().toString())).extracting(FoundPatient::id).containsExactly(sharing);
        assertThat(finder.byPortalId(stranger.value().toString())).isEmpty();
        assertThat(finder.byPortalId(UUID.randomUUID().toString())).isEmpty();
        assertThat(finder.byPortalId("1; drop table directory_patient")).isEmpty();
    }

    @Test
    void recentPatients_areTheOnesThisClinicianOpened_newestFirst_andOnlyWhileASearchWouldStillFindThem() {
        assertThat(finder.recent()).as("nothing opened yet").isEmpty();
        shared.readForTreatment(sharing, Set.of(RecordCategory.LAB));
        shared.readForTreatment(treated, Set.of(RecordCategory.LAB));
        TestActors.signInAt("other-" + run, "別の医師", Role.CLINICIAN, code);
        assertThat(finder.recent()).as("another clinician's openings are not theirs").isEmpty();

        TestActors.signInAt("dr-" + run, "医師", Role.CLINICIAN, code);
        assertThat(finder.recent()).extracting(r -> r.patient().id()).containsExactly(treated, sharing);

        // She withdraws her consent; she is not treated there, so a search would not find her any more.
        TestActors.signIn("share-" + run, "検索 花子", Role.PATIENT);
        assertThat(consent.revoke(grant)).isTrue();
        TestActors.signInAt("dr-" + run, "医師", Role.CLINICIAN, code);
        assertThat(finder.byPortalId(sharing.value().toString())).isEmpty();
        assertThat(finder.recent()).extracting(r -> r.patient().id()).containsExactly(treated);
    }

    @Test
    void aNameWithoutBirthDate_isRefusedWithAClearMessage_andOtherRolesCannotSearch() {
        assertThatThrownBy(() -> finder.byNameAndBirthDate("検索花子" + run, Optional.empty()))
                .hasMessage("sharing.search.needBoth");
        TestActors.signIn("share-" + run, "検索 花子", Role.PATIENT);
        assertThatThrownBy(() -> finder.byPortalId(sharing.value().toString()))
                .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
    }

    private PatientId patient(String suffix) {
        return directory.registerPatient(new PatientDetails(PersonName.of("検索", "花子" + run, "ケンサク", "ハナコ" + run),
                BORN, Sex.FEMALE, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), List.of(new Identifier("urn:test:finder", run + suffix))));
    }
}
