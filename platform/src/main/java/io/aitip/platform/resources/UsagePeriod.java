package io.aitip.platform.resources;

import io.aitip.tools.model.ToolException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * A reporting window [from, to) in UTC, named as callers write it: {@code this_month} (default),
 * {@code last_month}, {@code today}, {@code yesterday}, {@code last_7_days}, {@code last_30_days},
 * {@code this_year}, a month {@code 2026-11}, a day {@code 2026-11-22}, a year {@code 2026}, or days
 * {@code 2026-11-01..2026-11-15} (both included).
 */
public record UsagePeriod(String label, Instant from, Instant to) {

    public static final String PATTERN = "^(this_month|last_month|today|yesterday|last_7_days|last_30_days|this_year"
            + "|\\d{4}|\\d{4}-\\d{2}|\\d{4}-\\d{2}-\\d{2}|\\d{4}-\\d{2}-\\d{2}\\.\\.\\d{4}-\\d{2}-\\d{2})$";

    public static UsagePeriod parse(String text, Clock clock) {
        String p = text == null || text.isBlank() ? "this_month" : text.trim().toLowerCase(Locale.ROOT);
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        try {
            return switch (p) {
                case "this_month" -> days(p, today.withDayOfMonth(1), today.withDayOfMonth(1).plusMonths(1));
                case "last_month" -> days(p, today.withDayOfMonth(1).minusMonths(1), today.withDayOfMonth(1));
                case "today" -> days(p, today, today.plusDays(1));
                case "yesterday" -> days(p, today.minusDays(1), today);
                case "last_7_days" -> days(p, today.minusDays(6), today.plusDays(1));
                case "last_30_days" -> days(p, today.minusDays(29), today.plusDays(1));
                case "this_year" -> days(p, today.withDayOfYear(1), today.withDayOfYear(1).plusYears(1));
                default -> explicit(p);
            };
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw ToolException.invalid("/period", "'" + text + "' is not a period. Use this_month, last_month, today, "
                    + "yesterday, last_7_days, last_30_days, this_year, a year (2026), a month (2026-11), a day "
                    + "(2026-11-22) or a range of days (2026-11-01..2026-11-15).");
        }
    }

    private static UsagePeriod explicit(String p) {
        if (p.contains("..")) {
            String[] ends = p.split("\\.\\.");
            LocalDate from = LocalDate.parse(ends[0]);
            LocalDate to = LocalDate.parse(ends[1]);
            if (to.isBefore(from)) {
                throw new IllegalArgumentException("range ends before it starts");
            }
            return days(p, from, to.plusDays(1));
        }
        if (p.length() == 4) {
            LocalDate start = LocalDate.of(Integer.parseInt(p), 1, 1);
            return days(p, start, start.plusYears(1));
        }
        if (p.length() == 7) {
            YearMonth month = YearMonth.parse(p);
            return days(p, month.atDay(1), month.plusMonths(1).atDay(1));
        }
        LocalDate day = LocalDate.parse(p);
        return days(p, day, day.plusDays(1));
    }

    private static UsagePeriod days(String label, LocalDate from, LocalDate to) {
        return new UsagePeriod(label, from.atStartOfDay(ZoneOffset.UTC).toInstant(), to.atStartOfDay(ZoneOffset.UTC).toInstant());
    }
}
