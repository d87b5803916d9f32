package jp.tsunagu.record;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.H5;
import com.vaadin.flow.component.html.H6;
import com.vaadin.flow.component.html.Paragraph;

/**
 * One of the 3文書 to read, section by section: each section a heading and its paragraphs, top to bottom, never
 * sideways on a phone. The patient reads her own documents with it and a clinician the shared ones, so both
 * read the same words in the same order. It lives in the record's API (like {@link Trends}) so that other
 * modules' screens can use it; it only shows the content it is given: whoever calls it has already read the
 * document through the path that decides and logs.
 */
public final class DocumentReader extends Div {

    /**
     * @param document what to show
     * @param level the heading level of the top-level sections (2 on a page of its own under the title's h1,
     *        deeper inside a page that already has its own headings); sub-sections one level below
     */
    public DocumentReader(ClinicalDocument document, int level) {
        addClassName("tsunagu-document");
        for (ClinicalDocument.Section section : document.sections()) {
            add(heading(level + Math.min(section.depth(), 1), section.title()));
            for (String paragraph : section.text().split("\\R\\s*\\R|\\R")) {
                if (!paragraph.isBlank()) {
                    add(new Paragraph(paragraph.strip()));
                }
            }
        }
        if (document.sections().isEmpty()) {
            add(new Paragraph(getTranslation("record.document.noSections")));
        }
    }

    private static Component heading(int level, String text) {
        return switch (Math.clamp(level, 2, 6)) {
            case 2 -> new H2(text);
            case 3 -> new H3(text);
            case 4 -> new H4(text);
            case 5 -> new H5(text);
            default -> new H6(text);
        };
    }
}
