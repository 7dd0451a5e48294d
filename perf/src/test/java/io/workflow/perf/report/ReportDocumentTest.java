package io.workflow.perf.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.workflow.perf.model.PhaseResult;
import io.workflow.perf.model.RunReport;
import io.workflow.perf.report.document.Block;
import io.workflow.perf.report.document.Document;
import io.workflow.perf.report.document.Format;
import io.workflow.perf.report.document.Section;
import io.workflow.perf.report.document.Table;
import io.workflow.perf.testing.SampleReports;

/** The report is built once, as a document; what each section holds is decided here, not by the writers. */
class ReportDocumentTest {

    private final RunReport report = SampleReports.report(1.0, 1000, 100);
    private final Document document = ReportDocument.of(report);

    private Section section(String title) {
        return all(document.sections()).filter(s -> s.title().equals(title)).findFirst().orElseThrow();
    }

    private static Stream<Section> all(List<Section> sections) {
        return sections.stream().flatMap(s -> Stream.concat(Stream.of(s), all(s.subsections())));
    }

    private static Table table(Section section) {
        return section.blocks().stream().filter(Table.class::isInstance).map(Table.class::cast).findFirst().orElseThrow();
    }

    @Test
    void hasTheSeedsElevenSections_inOrder() {
        assertThat(document.title()).isEqualTo(RunReport.DEFAULT_TITLE);
        assertThat(document.sections()).extracting(Section::title).containsExactlyElementsOf(ReportDocument.SECTIONS);
        assertThat(section(SummarySection.TITLE).subsections()).extracting(Section::title).containsExactly(
                "3.1 Head-to-Head Comparison (1,000 Concurrent Users)", "3.2 Performance Multipliers", "3.3 Client Ceiling",
                "3.4 Warm-up");
        assertThat(section(ScalingSection.TITLE).subsections()).extracting(Section::title).containsExactly(
                "10.1 100 Concurrent Users — Overall Results", "10.2 Per-Endpoint Breakdown (100)", "10.3 Error Analysis (100)",
                "10.4 Client Ceiling (100)", "10.5 Scaling Comparison");
    }

    @Test
    void headToHeadTable_holdsEachPhasesFigures_contendersThenStub() {
        Table headToHead = table(section("3.1 Head-to-Head Comparison (1,000 Concurrent Users)"));
        assertThat(headToHead.header()).containsExactly("Metric", "python", "java", "stub (client ceiling)", "Winner");
        List<String> throughput = headToHead.rows().stream().filter(r -> r.getFirst().equals("Throughput (req/s)")).findFirst().orElseThrow();
        List<PhaseResult> headline = report.phases().subList(0, 3);
        assertThat(throughput).containsExactly("Throughput (req/s)", Format.rate(headline.get(0).throughput().requestsPerSecond()),
                Format.rate(headline.get(1).throughput().requestsPerSecond()),
                Format.rate(headline.get(2).throughput().requestsPerSecond()), "java");
        assertThat(headToHead.columns().get(1).align()).isEqualTo(Table.Align.RIGHT);
    }

    @Test
    void ceilingCheck_isAChartAndOneToneBulletPerTarget() {
        List<Block> blocks = section("3.3 Client Ceiling").blocks();
        assertThat(blocks).hasSize(2);
        assertThat(((Block.Bullets) blocks.get(1)).items()).extracting(Block.Bullet::text).containsExactly(
                "Headroom of stub over python: " + Format.times(report.ceilings().get(0).headroom())
                        + " — sufficient (at least 3.0×): the target, not the driver, set its figure",
                "Headroom of stub over java: " + Format.times(report.ceilings().get(1).headroom())
                        + " — sufficient (at least 3.0×): the target, not the driver, set its figure");
    }
}
