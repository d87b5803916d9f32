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
import jp.tsunagu.fhir.IpsSummary;
import jp.tsunagu.identity.Role;
import jp.tsunagu.identity.StepUp;
import jp.tsunagu.identity.StepUpRequiredException;
import jp.tsunagu.record.MyRecord;
import jp.tsunagu.shared.JapanTime;
import jp.tsunagu.shared.Language;
import jp.tsunagu.shell.StepUpDialog;

/**
 * The patient takes their record with them: the whole record as FHIR R4 JSON (for another app or
 * hospital), the International Patient Summary (for a doctor abroad), or a printable summary. The file is built when the link is followed, for the
 * patient who follows it; its address carries no patient id.
 */
@Route("patient/download")
@RolesAllowed(Role.Names.PATIENT)
@Menu(title = "menu.download", order = 13, icon = "vaadin:download")
class DownloadView extends VerticalLayout implements HasDynamicTitle {

    DownloadView(FhirExporter exporter, IpsSummary ips, StepUp stepUp, MyRecord myRecord) {
        addClassName("tsunagu-page");
        add(new H1(getTranslation("download.title")), new Paragraph(getTranslation("download.intro")));

        add(new H2(getTranslation("download.fhir.title")), new Paragraph(getTranslation("download.fhir.text")));
        addDownload(stepUp, "download-fhir", "download.fhir.link", exporter::exportMine, "tsunagu-record-");

        add(new H2(getTranslation("download.ips.title")), new Paragraph(getTranslation("download.ips.text")));
        Language language = Language.of(getLocale());
        addDownload(stepUp, "download-ips", "download.ips.link", () -> ips.summaryMine(language), "tsunagu-ips-");

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

    /**
     * A button that downloads a file built for the signed-in patient when it is followed. The file leaves the
     * portal: only after a recent sign-in (a phone left unlocked is not enough). The hidden link is followed only
     * by the button, or by a patient who kept the page open: the service then refuses a stale sign-in with 403
     * and changes nothing.
     */
    private void addDownload(StepUp stepUp, String id, String labelKey, java.util.function.Supplier<String> json,
            String filePrefix) {
        var file = new Anchor(DownloadHandler.fromInputStream(event -> {
            byte[] bytes;
            try {
                bytes = json.get().getBytes(StandardCharsets.UTF_8);
            } catch (StepUpRequiredException stale) {
                return DownloadResponse.error(403, "sign in again before downloading");
            }
            return new DownloadResponse(new java.io.ByteArrayInputStream(bytes),
                    filePrefix + LocalDate.now(JapanTime.ZONE) + ".json", "application/fhir+json", bytes.length);
        }), "");
        file.setId(id + "-file");
        file.getStyle().set("display", "none");
        var button = new Button(getTranslation(labelKey), click -> {
            if (stepUp.recent()) {
                file.getElement().executeJs("this.click()");
            } else {
                StepUpDialog.open(stepUp, "/patient/download", () -> { });
            }
        });
        button.setId(id);
        button.addClassName("tsunagu-cta");
        add(button, file);
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
