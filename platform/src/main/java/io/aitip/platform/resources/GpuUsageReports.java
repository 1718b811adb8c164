package io.aitip.platform.resources;

import io.aitip.platform.support.Scope;
import io.aitip.platform.training.GpuType;
import io.aitip.tools.model.ToolContext;
import io.aitip.tools.security.Principal;
import io.aitip.tools.security.Role;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * GPU-hours (and their cost) of an org by project and GPU type over a period, summed over every
 * {@link GpuUsageSource}. Org owners and admins see every project; other roles see their own.
 */
@Service
public class GpuUsageReports {

    private final List<GpuUsageSource> sources;
    private final GpuPrices prices;
    private final Clock clock;

    @Autowired
    public GpuUsageReports(ObjectProvider<GpuUsageSource> sources, GpuPrices prices) {
        this(sources.orderedStream().toList(), prices, Clock.systemUTC());
    }

    public GpuUsageReports(List<GpuUsageSource> sources, GpuPrices prices, Clock clock) {
        this.sources = List.copyOf(sources);
        this.prices = prices;
        this.clock = clock;
    }

    public record Period(String label, java.time.Instant from, java.time.Instant to) {
    }

    /** One GPU type's share; price and cost are null in usage reports. */
    public record TypeLine(String gpuType, double gpuHours, long workloads, Map<String, Double> bySource,
                           Double pricePerGpuHour, Double cost) {
    }

    public record ProjectLine(String projectId, double gpuHours, Double cost, List<TypeLine> byGpuType) {
    }

    public record Report(Period period, String scope, String gpuType, double totalGpuHours, Double totalCost,
                         String currency, List<ProjectLine> byProject, List<TypeLine> byGpuType, String note) {
    }

    public Report report(ToolContext context, GpuType gpuType, String period, boolean withCosts) {
        UsagePeriod p = UsagePeriod.parse(period, clock);
        Principal principal = context.principal();
        Scope scope = Scope.of(principal);
        boolean orgWide = principal.role() == Role.OWNER || principal.role() == Role.ADMIN;
        String type = gpuType == null ? null : gpuType.wire();
        List<GpuUsageSource.Usage> rows = new ArrayList<>();
        for (GpuUsageSource source : sources) {
            rows.addAll(source.usage(scope.orgId(), orgWide ? null : scope.projectId(), type, p.from(), p.to()));
        }
        Map<String, Map<String, List<GpuUsageSource.Usage>>> byProject = new TreeMap<>();
        Map<String, List<GpuUsageSource.Usage>> byType = new TreeMap<>();
        for (GpuUsageSource.Usage u : rows) {
            byProject.computeIfAbsent(u.projectId(), k -> new TreeMap<>())
                    .computeIfAbsent(u.gpuType(), k -> new ArrayList<>()).add(u);
            byType.computeIfAbsent(u.gpuType(), k -> new ArrayList<>()).add(u);
        }
        List<ProjectLine> projects = new ArrayList<>();
        double totalHours = 0;
        double totalCost = 0;
        for (Map.Entry<String, Map<String, List<GpuUsageSource.Usage>>> project : byProject.entrySet()) {
            List<TypeLine> types = new ArrayList<>();
            double hours = 0;
            double cost = 0;
            for (Map.Entry<String, List<GpuUsageSource.Usage>> t : project.getValue().entrySet()) {
                TypeLine line = line(t.getKey(), t.getValue(), withCosts);
                types.add(line);
                hours += line.gpuHours();
                cost += line.cost() == null ? 0 : line.cost();
            }
            projects.add(new ProjectLine(project.getKey(), hours(hours), withCosts ? money(cost) : null, types));
            totalHours += hours;
            totalCost += cost;
        }
        List<TypeLine> types = byType.entrySet().stream().map(e -> line(e.getKey(), e.getValue(), withCosts)).toList();
        String note = rows.isEmpty() ? "No GPU work in this period" + (orgWide ? "" : " in your project") + "." : null;
        return new Report(new Period(p.label(), p.from(), p.to()), orgWide ? "org" : "project", type, hours(totalHours),
                withCosts ? money(totalCost) : null, withCosts ? prices.currency() : null, projects, types, note);
    }

    private TypeLine line(String gpuType, List<GpuUsageSource.Usage> rows, boolean withCosts) {
        double hours = 0;
        long workloads = 0;
        Map<String, Double> bySource = new TreeMap<>();
        for (GpuUsageSource.Usage u : rows) {
            hours += u.gpuHours();
            workloads += u.workloads();
            bySource.merge(u.source(), u.gpuHours(), Double::sum);
        }
        bySource.replaceAll((k, v) -> hours(v));
        Double price = withCosts ? prices.perGpuHour(gpuType) : null;
        return new TypeLine(gpuType, hours(hours), workloads, bySource, price, withCosts ? money(hours * price) : null);
    }

    static double hours(double h) {
        return Math.round(h * 10_000) / 10_000.0;
    }

    static double money(double m) {
        return Math.round(m * 100) / 100.0;
    }
}
