package jp.tsunagu.shell;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Meta;
import com.vaadin.flow.server.AppShellSettings;
import com.vaadin.flow.theme.lumo.Lumo;

/**
 * The page around every view: Lumo, the portal's own style sheet (plain CSS, so no frontend
 * bundle and no Node.js are needed), phone-friendly meta data and the icons for tabs and home screens.
 */
@StyleSheet(Lumo.STYLESHEET)
@StyleSheet(Lumo.UTILITY_STYLESHEET)
@StyleSheet("styles/tsunagu.css")
@Meta(name = "theme-color", content = "#0b6e4f")
public class AppShell implements AppShellConfigurator {

    @Override
    public void configurePage(AppShellSettings settings) {
        settings.setPageTitle("つなぐ Tsunagu");
        settings.addMetaTag("description", "あなたの医療データを、あなたの同意でつなぐ。");
        // Two linked rings: つなぐ. Vector for tabs, PNG for browsers without SVG icons and for the home screen.
        settings.addLink("icons/favicon.svg", java.util.Map.of("rel", "icon", "type", "image/svg+xml"));
        settings.addFavIcon("icon", "icons/favicon-32.png", "32x32");
        settings.addFavIcon("apple-touch-icon", "icons/apple-touch-icon.png", "180x180");
    }
}
