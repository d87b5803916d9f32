package jp.tsunagu.fhir.ui;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import jakarta.annotation.security.RolesAllowed;
import jp.tsunagu.fhir.FhirExporter;
import jp.tsunagu.identity.Role;
import jp.tsunagu.identity.StepUp;
import jp.tsunagu.identity.StepUpRequiredException;
import jp.tsunagu.record.MyRecord;
import jp.tsunagu.shared.JapanTime;
import jp.tsunagu.shell.StepUpDialog;

/**
 * The patient takes their record with them: the whole record as FHIR R4 JSON (for another app or
 * hospital), or a printable Japanese summary. The file is built when the link is followed, for the
 * patient who follows it; its address carries no patient id.
 */
@Route("patient/download")
@RolesAllowed(Role.Names.PATIENT)
@Menu(title = "menu.download", order = 13, icon = "vaadin:download")
class DownloadView extends VerticalLayout implements HasDynamicTitle {

    DownloadView(FhirExporter exporter, StepUp stepUp, MyRecord myRecord) {
        addClassName("tsunagu-page");
        add(new H1(getTranslation("download.title")), new Paragraph(getTranslation("download.intro")));

        add(new H2(getTranslation("download.fhir.title")), new Paragraph(getTranslation("download.fhir.text")));
        // The file itself: followed only by the button below, or by a patient who kept the page open (the
        // export then refuses a stale sign-in with 403 and changes nothing).
        var file = new Anchor(DownloadHandler.fromInputStream(event -> {
            byte[] bytes;
            try {
                bytes = exporter.exportMine().getBytes(StandardCharsets.UTF_8);
            } catch (StepUpRequiredException stale) {
                return DownloadResponse.error(403, "sign in again before downloading the whole record");
            }
            return new DownloadResponse(new java.io.ByteArrayInputStream(bytes),
                    "tsunagu-record-" + LocalDate.now(JapanTime.ZONE) + ".json", "application/fhir+json",
                    bytes.length);
        }), "");
        file.setId("download-fhir-file");
        file.getStyle().set("display", "none");
        // The whole record leaves the portal: only after a recent sign-in (a phone left unlocked is not enough).
        var json = new Button(getTranslation("download.fhir.link"), click -> {
            if (stepUp.recent()) {
                file.getElement().executeJs("this.click()");
            } else {
                StepUpDialog.open(stepUp, "/patient/download", () -> { });
            }
        });
        json.setId("download-fhir");
        json.addClassName("tsunagu-cta");
        add(json, file);

        add(new H2(getTranslation("download.summary.title")), new Paragraph(getTranslation("download.summary.text")));
        add(summaryLink());

        // Retention: the record's items are removed 5 years after they arrived unless she keeps them.
        add(new H2(getTranslation("download.keep.title")), new Paragraph(getTranslation("download.keep.text")));
        var keep = new Checkbox(getTranslation("download.keep.label"), myRecord.keepsBeyondRetention());
        keep.setId("keep-records");
        keep.addValueChangeListener(change -> {
            if (change.isFromClient()) {
                myRecord.keepBeyondRetention(change.getValue());
            }
        });
        add(keep);
    }

    private Anchor summaryLink() {
        var summary = new Anchor("patient/summary", getTranslation("download.summary.link"));
        summary.setId("download-summary");
        summary.addClassName("tsunagu-cta");
        return summary;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("download.title");
    }
}
