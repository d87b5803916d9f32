package jp.tsunagu.shell;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.i18n.I18NProvider;
import jp.tsunagu.shared.Language;

/**
 * Vaadin's date pickers and number fields speak English and American dates whatever the page's
 * language; every form of the portal passes its pickers and number fields through here, so a Japanese
 * page shows 1月…12月, 日…土, weeks from Sunday and dates as 2026/12/07, as the rest of the portal writes
 * them (2026-12-07 is read too, as typed from other software).
 */
public final class FormControls {

    /** How the portal writes a day (as {@code JapanTime.day}); the others are also read. */
    static final String DATE_FORMAT = "yyyy/MM/dd";
    private static final String[] ALSO_READ = {"yyyy-MM-dd", "yyyy/M/d", "yyyy.MM.dd"};

    /** Where a birth-date picker opens when empty: this month would mean paging back decades. */
    static final LocalDate BIRTH_DATES_FROM = LocalDate.of(1970, 1, 1);

    /*
     * The month header ("December 2026") is a function in the web component, which Flow's i18n object
     * cannot carry, and Flow's connector replaces the whole i18n whenever the locale or i18n changes; so
     * the Japanese header ("2026年 12月") is set again each time the calendar opens.
     */
    private static final String JAPANESE_TITLE = """
            const host = this;
            customElements.whenDefined(host.localName).then(() => setTimeout(() => {
              const picker = host.localName === 'vaadin-date-picker' ? host : host.querySelector('vaadin-date-picker');
              if (!picker || picker.__tsunaguTitle) return;
              picker.__tsunaguTitle = true;
              const title = (month, year) => year + '年 ' + month;
              const apply = () => {
                if (picker.i18n && picker.i18n.formatTitle !== title) {
                  picker.i18n = Object.assign({}, picker.i18n, {formatTitle: title});
                }
              };
              picker.addEventListener('opened-changed', apply);
              apply();
            }));
            """;

    private FormControls() {
    }

    /** A date picker in the page's language. */
    public static DatePicker localise(DatePicker picker) {
        Locale locale = locale(picker);
        picker.setI18n(i18n(locale));
        if (Language.of(locale) == Language.JA) {
            picker.addAttachListener(attach -> picker.getElement().executeJs(JAPANESE_TITLE));
        }
        return picker;
    }

    /** A date-and-time picker in the page's language: its date part as {@link #localise(DatePicker)}. */
    public static DateTimePicker localise(DateTimePicker picker) {
        Locale locale = locale(picker);
        picker.setDatePickerI18n(i18n(locale));
        if (Language.of(locale) == Language.JA) {
            picker.addAttachListener(attach -> picker.getElement().executeJs(JAPANESE_TITLE));
        }
        return picker;
    }

    /** A birth-date picker: in the page's language, opening on its value or around 1970, never in the future. */
    public static DatePicker birthDate(DatePicker picker) {
        localise(picker);
        picker.setInitialPosition(BIRTH_DATES_FROM);
        picker.setMax(LocalDate.now(jp.tsunagu.shared.JapanTime.ZONE));
        return picker;
    }

    /**
     * A whole-number field with its allowed range shown under it ("0〜120 歳") and said in the page's
     * language when a value is not a number or out of range.
     */
    public static IntegerField range(IntegerField field, int min, int max, String unit) {
        Locale locale = locale(field);
        field.setMin(min);
        field.setMax(max);
        field.setHelperText(t("form.rangeHint", locale, min, max, unit).strip());
        field.setI18n(new IntegerField.IntegerFieldI18n()
                .setBadInputErrorMessage(t("form.notANumber", locale))
                .setMinErrorMessage(t("form.outOfRange", locale, min, max, unit).strip())
                .setMaxErrorMessage(t("form.outOfRange", locale, min, max, unit).strip()));
        return field;
    }

    static DatePicker.DatePickerI18n i18n(Locale locale) {
        Locale names = Language.of(locale) == Language.JA ? Locale.JAPANESE : Locale.ENGLISH;
        List<String> months = Arrays.stream(Month.values()).map(m -> m.getDisplayName(TextStyle.FULL, names)).toList();
        // Sunday first, as the web component counts them.
        List<DayOfWeek> week = List.of(DayOfWeek.SUNDAY, DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
                DayOfWeek.THURSDAY, DayOfWeek.FRIDAY, DayOfWeek.SATURDAY);
        return new DatePicker.DatePickerI18n()
                .setMonthNames(months)
                .setWeekdays(week.stream().map(d -> d.getDisplayName(TextStyle.FULL, names)).toList())
                .setWeekdaysShort(week.stream().map(d -> d.getDisplayName(TextStyle.SHORT, names)).toList())
                // Japanese calendars start the week on Sunday; so does the portal in English.
                .setFirstDayOfWeek(0)
                .setToday(t("form.today", locale))
                .setCancel(t("form.cancel", locale))
                .setDateFormats(DATE_FORMAT, ALSO_READ)
                .setBadInputErrorMessage(t("form.badDate", locale));
    }

    /** A text of the bundle in the control's language, written so the key check of the tests sees it. */
    private static String t(String key, Locale locale, Object... arguments) {
        return I18NProvider.translate(locale, key, arguments);
    }

    private static Locale locale(Component component) {
        // The page's language: the control's UI once attached, while a view is built the current one.
        return component.getUI().or(() -> Optional.ofNullable(UI.getCurrent())).map(UI::getLocale)
                .orElse(Language.DEFAULT.locale());
    }
}
