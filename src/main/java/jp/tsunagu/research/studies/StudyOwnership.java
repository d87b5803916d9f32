package jp.tsunagu.research.studies;

import jp.tsunagu.research.Sponsors;
import jp.tsunagu.research.StudyId;
import jp.tsunagu.research.studies.persistence.StudyStore;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * For access rules on one study, used from SpEL as {@code @studyOwnership.ownsStudy(#id)}: the signed-in
 * sponsor acts for the organisation that registered it. Put in {@code @PreAuthorize}, so that handing over
 * patients' contacts is refused before the method runs for any other sponsor, not only by a check inside it.
 */
@Component("studyOwnership")
public class StudyOwnership {

    private final Sponsors sponsors;
    private final StudyStore store;

    StudyOwnership(Sponsors sponsors, StudyStore store) {
        this.sponsors = sponsors;
        this.store = store;
    }

    public boolean ownsStudy(@Nullable StudyId study) {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        if (study == null || auth == null
                || auth.getAuthorities().stream().noneMatch(a -> "ROLE_SPONSOR".equals(a.getAuthority()))) {
            return false;
        }
        try {
            return store.studyOf(study.value(), sponsors.current().organisation().id());
        } catch (jp.tsunagu.research.QueryRefusedException notASponsorOrganisation) {
            return false;
        }
    }
}
