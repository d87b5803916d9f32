package jp.tsunagu.fhir.ui;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import jakarta.annotation.security.RolesAllowed;
import jp.tsunagu.fhir.FhirExporter;
import jp.tsunagu.identity.Role;
import jp.tsunagu.shared.JapanTime;

/**
 * The patient takes their record with them: the whole record as FHIR R4 JSON (for another app or
 * hospital), or a printable Japanese summary. The file is built when the link is followed, for the
 * patient who follows it; its address carries no patient id.
 */
@Route("patient/download")
@RolesAllowed(Role.Names.PATIENT)
@Menu(title = "menu.download", order = 13, icon = "vaadin:download")
class DownloadView extends VerticalLayout implements HasDynamicTitle {

    DownloadView(FhirExporter exporter) {
        addClassName("tsunagu-page");
        add(new H1(getTranslation("download.title")), new Paragraph(getTranslation("download.intro")));

        add(new H2(getTranslation("download.fhir.title")), new Paragraph(getTranslation("download.fhir.text")));
        var json = new Anchor(DownloadHandler.fromInputStream(event -> {
            byte[] bytes = exporter.exportMine().getBytes(StandardCharsets.UTF_8);
            return new com.vaadin.flow.server.streams.DownloadResponse(new java.io.ByteArrayInputStream(bytes),
                    "tsunagu-record-" + LocalDate.now(JapanTime.ZONE) + ".json", "application/fhir+json",
                    bytes.length);
        }), getTranslation("download.fhir.link"));
        json.setId("download-fhir");
        json.addClassName("tsunagu-cta");
        add(json);

        add(new H2(getTranslation("download.summary.title")), new Paragraph(getTranslation("download.summary.text")));
        var summary = new Anchor("patient/summary", getTranslation("download.summary.link"));
        summary.setId("download-summary");
        summary.addClassName("tsunagu-cta");
        add(summary);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("download.title");
    }
}
