package io.workflow.perf.report;

import java.util.ArrayList;
import java.util.List;

import io.workflow.perf.model.CeilingCheck;
import io.workflow.perf.report.document.BarChart;
import io.workflow.perf.report.document.Block;
import io.workflow.perf.report.document.Block.Bullet;
import io.workflow.perf.report.document.Block.Bullets;
import io.workflow.perf.report.document.Block.Paragraph;
import io.workflow.perf.report.document.Block.Tone;
import io.workflow.perf.report.document.Format;
import io.workflow.perf.report.document.Unit;

/** The client-ceiling check of one load level: each target's throughput beside its stub's, and the headroom. */
final class CeilingBlocks {

    private CeilingBlocks() {
    }

    static List<Block> of(ReportView view, int level) {
        List<CeilingCheck> ceilings = view.ceilings(level);
        if (ceilings.isEmpty()) {
            return List.of(new Paragraph("No stub target at this level (`--stub name=url`): the client's own ceiling was not measured."));
        }
        List<String> labels = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (List<CeilingCheck> group : view.ceilingsByStub(level).values()) {
            for (CeilingCheck c : group) {
                labels.add(c.target());
                values.add(c.targetRequestsPerSecond());
            }
            labels.add(group.getFirst().stub() + " (ceiling)");
            values.add(group.getFirst().stubRequestsPerSecond());
        }
        return List.of(
                BarChart.horizontal("Throughput vs the client's ceiling (req/s)", labels,
                        List.of(new BarChart.Series("req/s", values)), Unit.RATE),
                new Bullets(headroom(ceilings)));
    }

    /** One line per check, good when the stub answered at least the required multiple of the target's throughput. */
    static List<Bullet> headroom(List<CeilingCheck> ceilings) {
        return ceilings.stream().map(c -> new Bullet("Headroom of " + c.stub() + " over " + c.target() + ": "
                + Format.times(c.headroom()) + " — " + (c.sufficient()
                ? "sufficient (at least " + Format.times(CeilingCheck.REQUIRED_HEADROOM) + "): the target, not the driver, set its figure"
                : "BELOW " + Format.times(CeilingCheck.REQUIRED_HEADROOM) + ": the driver may have limited this figure"),
                c.sufficient() ? Tone.GOOD : Tone.BAD)).toList();
    }
}
