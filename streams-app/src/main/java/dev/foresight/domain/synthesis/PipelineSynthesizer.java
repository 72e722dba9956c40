package dev.foresight.domain.synthesis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.foresight.domain.synthesis.NeedRule.Arm;
import dev.foresight.domain.synthesis.NeedRule.Trigger;
import dev.foresight.domain.synthesis.PipelineState.Episode;
import dev.foresight.domain.synthesis.PipelineState.Trial;
import dev.foresight.domain.synthesis.SynthesisOutput.Kind;
import dev.foresight.domain.synthesis.SynthesisOutput.Logged;
import dev.foresight.domain.synthesis.SynthesisOutput.Operation;
import dev.foresight.domain.synthesis.SynthesisOutput.Reason;
import dev.foresight.domain.synthesis.SynthesisOutput.StageCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns predicted needs into pipeline stages ahead of them, versions every change, rolls back the
 * stages that hurt, and tunes each rule's threshold and lead time from what followed.
 *
 * <p>One call per input, on the pipeline's state, returns what to emit. The same inputs in the same
 * order give the same outputs: nothing here reads a clock or draws a random number.
 */
public final class PipelineSynthesizer {

    static final String MADE_BY = "pipeline-synthesizer";
    static final String BASE_TEMPLATE = "base";
    private static final double NEED_CLEAR = 0.9;

    private final SynthesisSettings settings;
    private final Function<String, Optional<StageTemplate>> templates;

    /** @param templates the live template catalogue, by template id */
    public PipelineSynthesizer(SynthesisSettings settings, Function<String, Optional<StageTemplate>> templates) {
        this.settings = settings;
        this.templates = templates;
    }

    public SynthesisSettings settings() {
        return settings;
    }

    /**
     * One closed minute of a delivery signal of the pipeline's service.
     *
     * @param anomalyRaised whether the anomaly detector raised an alert on the series with this minute
     */
    public List<SynthesisOutput> onSignal(PipelineState state, String pipeline, String metric, Instant at,
                                          double value, boolean anomalyRaised) {
        List<SynthesisOutput> out = new ArrayList<>();
        if (!ensureBaseline(state, pipeline, at, out)) {
            return out;
        }
        expireEpisodes(state, pipeline, at, out);
        for (NeedRule rule : settings.rules()) {
            if (rule.watches(metric)) {
                observe(state, pipeline, rule, metric, at, value, anomalyRaised, out);
            }
        }
        return out;
    }

    /**
     * A forecast made elsewhere for a series of the pipeline's service. A ratio rule reads it against the
     * baseline its own forecaster keeps (so not before that one is warm); a count rule adds the forecast
     * buckets to the events already in its window. Only the buckets within the rule's lead time count.
     */
    public List<SynthesisOutput> onForecast(PipelineState state, String pipeline, SeriesOutlook outlook) {
        List<SynthesisOutput> out = new ArrayList<>();
        if (!ensureBaseline(state, pipeline, outlook.issuedAt(), out)) {
            return out;
        }
        for (NeedRule rule : settings.rules()) {
            if (rule.tuned() && rule.watches(outlook.metric())) {
                Arm arm = arm(state, rule);
                need(state, rule, outlook, arm.leadTime()).ifPresent(forecast -> considerForecast(state, pipeline,
                        rule, arm, forecast, currentMeasure(state, rule, outlook.metric()), outlook.issuedAt(), out));
            }
        }
        return out;
    }

    private Optional<NeedForecast> need(PipelineState state, NeedRule rule, SeriesOutlook outlook,
                                        Duration lead) {
        Instant until = outlook.issuedAt().plus(lead);
        List<SeriesOutlook.Point> ahead = outlook.points().stream().filter(p -> !p.at().isAfter(until)).toList();
        if (ahead.isEmpty()) {
            return Optional.empty();
        }
        String model = "signals:" + outlook.model();
        Duration horizon = Duration.between(outlook.issuedAt(), ahead.get(ahead.size() - 1).at());
        if (rule.trigger() == Trigger.COUNT) {
            double now = currentMeasure(state, rule, outlook.metric());
            return Optional.of(new NeedForecast(outlook.metric(), outlook.issuedAt(), horizon,
                    now + ahead.stream().mapToDouble(SeriesOutlook.Point::value).sum(),
                    now + ahead.stream().mapToDouble(SeriesOutlook.Point::lower).sum(),
                    now + ahead.stream().mapToDouble(SeriesOutlook.Point::upper).sum(), model));
        }
        TrendForecaster own = state.forecasters.get(outlook.metric());
        if (own == null || own.observations() < settings.minObservations()) {
            return Optional.empty();
        }
        SeriesOutlook.Point peak = ahead.stream().max(Comparator.comparingDouble(SeriesOutlook.Point::value))
                .orElseThrow();
        double baseline = own.baseline();
        return Optional.of(new NeedForecast(outlook.metric(), outlook.issuedAt(), horizon, peak.value() / baseline,
                peak.lower() / baseline, peak.upper() / baseline, model));
    }

    /** A reported run of one of the pipeline's versions. */
    public List<SynthesisOutput> onRun(PipelineState state, String pipeline, PipelineRun run) {
        List<SynthesisOutput> out = new ArrayList<>();
        if (!ensureBaseline(state, pipeline, run.at(), out)) {
            return out;
        }
        state.runs++;
        run.stages().forEach(stage -> state.stageSeconds.merge(stage.name(), stage.durationSeconds(),
                (mean, x) -> mean + 0.2 * (x - mean)));
        Trial trial = state.trial;
        if (run.version() == state.version) {
            state.currentRuns.add(run);
        }
        if (trial != null && run.version() == trial.parent) {
            trial.parentRuns.add(run);
        } else if (trial != null && run.version() == trial.version) {
            trial.test.add(run, trial.parentRuns, settings.harm());
            judge(state, pipeline, run.at(), out);
        }
        if (state.runs % settings.bottleneckEvery() == 0) {
            bottleneck(state, pipeline, run.at(), out);
        }
        return out;
    }

    private boolean ensureBaseline(PipelineState state, String pipeline, Instant at, List<SynthesisOutput> out) {
        if (state.version > 0) {
            return true;
        }
        Optional<StageTemplate> base = templates.apply(BASE_TEMPLATE);
        if (base.isEmpty()) {
            return false;
        }
        PipelineDefinition first = new PipelineDefinition(pipeline, base.get().render(pipeline, Map.of()));
        newVersion(state, first, "baseline", "the pipeline every service starts with", at, out);
        return true;
    }

    private void observe(PipelineState state, String pipeline, NeedRule rule, String metric, Instant at, double value,
                         boolean anomalyRaised, List<SynthesisOutput> out) {
        if (rule.trigger() == Trigger.ANOMALY) {
            if (anomalyRaised && !pending(state, rule, at)) {
                Reason reason = new Reason(MADE_BY, Map.of("value", value), Map.of(), String.format(Locale.ROOT,
                        "%s of %s raised an anomaly alert at %s (value %.4g)", metric, pipeline, at, value));
                synthesize(state, pipeline, rule, Map.of(), reason, at, -1, out);
            }
            return;
        }
        NeedForecast forecast = observeNeed(state, rule, metric, at, value);
        double measure = currentMeasure(state, rule, metric);
        needArrival(state, pipeline, rule, measure, at, out);
        if (rule.trigger() == Trigger.COUNT || state.forecasters.get(metric).observations() >= settings.minObservations()) {
            watchArms(state, rule, metric, at);
            considerForecast(state, pipeline, rule, arm(state, rule), forecast, measure, at, out);
        }
    }

    private NeedForecast observeNeed(PipelineState state, NeedRule rule, String metric, Instant at, double value) {
        Arm arm = arm(state, rule);
        if (rule.trigger() == Trigger.RATIO) {
            TrendForecaster forecaster = state.forecasters.computeIfAbsent(metric, m -> new TrendForecaster());
            forecaster.observe(at, value);
            return forecaster.forecast(metric, arm.leadTime());
        }
        EventCount count = state.counts.computeIfAbsent(rule.stageType(), t -> new EventCount());
        count.add(at.toEpochMilli(), value, rule.window());
        return count.forecast(metric, at.toEpochMilli(), rule.window(), arm.leadTime());
    }

    /** Every arm's shadow stage sees the forecast at its own lead time, whichever arm is in use. */
    private void watchArms(PipelineState state, NeedRule rule, String metric, Instant at) {
        ThresholdBandit tuner = banditOf(state, rule);
        boolean needHigh = state.needHigh.getOrDefault(rule.stageType(), false);
        List<Arm> arms = rule.arms();
        for (int a = 0; a < arms.size(); a++) {
            Duration lead = arms.get(a).leadTime();
            NeedForecast forecast = rule.trigger() == Trigger.RATIO ? state.forecasters.get(metric).forecast(metric, lead)
                    : state.counts.get(rule.stageType()).forecast(metric, at.toEpochMilli(), rule.window(), lead);
            tuner.watch(a, at.toEpochMilli(), forecast.value() >= arms.get(a).multiplier() * rule.needLevel(),
                    needHigh, rule.activeFor().toMillis());
        }
    }

    private static double currentMeasure(PipelineState state, NeedRule rule, String metric) {
        if (rule.trigger() == Trigger.RATIO) {
            TrendForecaster forecaster = state.forecasters.get(metric);
            return forecaster == null ? 0 : forecaster.currentRatio();
        }
        EventCount count = state.counts.get(rule.stageType());
        return count == null ? 0 : count.count();
    }

    /** The need itself arriving (rising edge): the open episode, or the arm that missed it, gets its reward. */
    private void needArrival(PipelineState state, String pipeline, NeedRule rule, double measure, Instant at,
                             List<SynthesisOutput> out) {
        String type = rule.stageType();
        boolean high = state.needHigh.getOrDefault(type, false);
        if (!high && measure >= rule.needLevel()) {
            state.needHigh.put(type, true);
            ThresholdBandit tuner = banditOf(state, rule);
            int before = tuner.current();
            tuner.needArrived(at.toEpochMilli(), rule.provisioning().toMillis());
            Episode episode = state.episodes.remove(type);
            if (episode != null) {
                boolean ready = episode.readyMs <= at.toEpochMilli();
                tuned(state, pipeline, rule, episode.arm, ready ? 1.0 : ThresholdBandit.LATE_REWARD, ready
                        ? "need arrived " + minutes(at.toEpochMilli() - episode.synthesizedMs) + " min after synthesis,"
                        + " with the stage ready" : "need arrived before the stage was ready", at, out);
            } else if (!pending(state, rule, at)) {
                tuned(state, pipeline, rule, before, 0.0, "need arrived with no stage synthesized for it", at, out);
            } else {
                // a need missed while synthesis was blocked (trial, cooldown) earns the policy nothing either way
                tuned(state, pipeline, rule, before, null, "need arrived while synthesis was blocked", at, out);
            }
        } else if (high && measure < NEED_CLEAR * rule.needLevel()) {
            state.needHigh.put(type, false);
        }
    }

    private void expireEpisodes(PipelineState state, String pipeline, Instant at, List<SynthesisOutput> out) {
        long window = settings.confirmWindow().toMillis();
        for (NeedRule rule : settings.rules()) {
            if (!rule.tuned()) {
                continue;
            }
            ThresholdBandit tuner = banditOf(state, rule);
            int before = tuner.current();
            tuner.expire(at.toEpochMilli(), window);
            Episode episode = state.episodes.get(rule.stageType());
            if (episode != null && at.toEpochMilli() - episode.synthesizedMs > window) {
                state.episodes.remove(rule.stageType());
                tuned(state, pipeline, rule, episode.arm, ThresholdBandit.FALSE_ALARM_REWARD, "need did not arrive"
                        + " within " + settings.confirmWindow().toMinutes() + " min of synthesis", at, out);
            } else {
                tuned(state, pipeline, rule, before, null, "shadow stages of other arms were false alarms", at, out);
            }
        }
    }

    private void considerForecast(PipelineState state, String pipeline, NeedRule rule, Arm arm, NeedForecast forecast,
                                  double measure, Instant at, List<SynthesisOutput> out) {
        double trigger = arm.multiplier() * rule.needLevel();
        Blocker blocker = blocker(state, rule, at);
        if (forecast.value() < trigger || blocker != Blocker.NONE && !overrides(rule, blocker, forecast)) {
            return;
        }
        Map<String, Double> inputs = new LinkedHashMap<>();
        inputs.put("forecast", forecast.value());
        inputs.put("lower", forecast.lower());
        inputs.put("upper", forecast.upper());
        inputs.put("current", measure);
        inputs.put("horizonMinutes", (double) forecast.horizon().toMinutes());
        Map<String, Double> thresholds = new LinkedHashMap<>();
        thresholds.put("need", rule.needLevel());
        thresholds.put("trigger", trigger);
        thresholds.put("multiplier", arm.multiplier());
        thresholds.put("leadTimeMinutes", (double) arm.leadTime().toMinutes());
        thresholds.put("provisioningMinutes", (double) rule.provisioning().toMinutes());
        Reason reason = new Reason(MADE_BY, inputs, thresholds, String.format(Locale.ROOT,
                "%s forecast of %s: %.3g (90%% %.3g to %.3g) within %d min reaches the trigger %.3g (%.2f x need %.3g);"
                        + " the stage is ready %d min after synthesis%s", forecast.model(), forecast.metric(),
                forecast.value(), forecast.lower(), forecast.upper(), forecast.horizon().toMinutes(), trigger,
                arm.multiplier(), rule.needLevel(), rule.provisioning().toMinutes(), blocker == Blocker.NONE ? ""
                        : "; the need itself is forecast within the lead time, which overrides the "
                        + blocker.name().toLowerCase(Locale.ROOT).replace('_', ' ')));
        Map<String, Double> parameters = rule.parameterScale() > 0
                ? Map.of(rule.parameter(), Math.ceil(forecast.value() * rule.parameterScale())) : Map.of();
        boolean credited = state.needHigh.getOrDefault(rule.stageType(), false)
                || state.episodes.containsKey(rule.stageType());
        synthesize(state, pipeline, rule, parameters, reason, at, credited ? -1 : banditOf(state, rule).current(),
                out);
    }

    /** @param arm the bandit arm to credit once the need shows up, or -1 for none */
    private boolean synthesize(PipelineState state, String pipeline, NeedRule rule, Map<String, Double> parameters,
                               Reason reason, Instant at, int arm, List<SynthesisOutput> out) {
        Optional<StageTemplate> template = templates.apply(rule.templateId());
        if (template.isEmpty()) {
            return false;
        }
        List<JsonNode> stages = template.get().render(pipeline, parameters);
        PipelineDefinition current = PipelineDefinition.fromJson(state.definitionJson);
        PipelineDefinition next = current;
        for (JsonNode stage : stages) {
            if (!rule.activeFor().isZero()) {
                ((ObjectNode) stage).put("activeUntil", at.plus(rule.activeFor()).toString());
            }
            next = next.with(stage);
        }
        JsonNode stage = stages.get(0);
        String name = stage.path("name").asText();
        if (!StageFormat.problems(stage).isEmpty() || next.contentHash().equals(current.contentHash())) {
            return false;
        }
        openTrial(state, pipeline, rule.stageType(), name, stage, at, out);
        int madeFrom = state.version;
        int version = newVersion(state, next, MADE_BY, reason.explanation(), at, out);
        state.trial.version = version;
        state.activeUntil.put(name, rule.activeFor().isZero() ? Long.MAX_VALUE
                : at.plus(rule.activeFor()).toEpochMilli());
        if (arm >= 0) {
            Episode episode = new Episode();
            episode.arm = arm;
            episode.synthesizedMs = at.toEpochMilli();
            episode.readyMs = at.plus(rule.provisioning()).toEpochMilli();
            state.episodes.put(rule.stageType(), episode);
        }
        out.add(command(state, pipeline, Operation.ADD_STAGE, rule.stageType(), name, version, madeFrom, stage,
                reason, at));
        out.add(new Logged(pipeline, Kind.SYNTHESIZED, rule.stageType(), version, reason, at));
        return true;
    }

    /**
     * A stage on trial that a newer variant of itself replaces leaves its parent to the new trial: the new
     * version is that parent plus the new variant, so it is compared with the runs that had neither.
     */
    private void openTrial(PipelineState state, String pipeline, String stageType, String name, JsonNode stage,
                           Instant at, List<SynthesisOutput> out) {
        Trial replaced = state.trial != null && state.trial.stageName.equals(name) ? state.trial : null;
        if (state.trial != null && replaced == null) {
            Trial superseded = state.trial;
            out.add(new Logged(pipeline, Kind.KEPT, superseded.stageType, superseded.version, new Reason(MADE_BY,
                    superseded.test.evidence(superseded.parentRuns), Map.of(),
                    "superseded by a newer stage before a verdict; kept"), at));
        }
        RunStats parentRuns = state.currentRuns.runs() >= settings.harm().minParentRuns() || state.lastBaseline == null
                ? state.currentRuns : state.lastBaseline;
        Trial trial = new Trial();
        trial.stageName = name;
        trial.stageType = stageType;
        trial.parent = replaced == null ? state.version : replaced.parent;
        trial.parentDefinitionJson = replaced == null ? state.definitionJson : replaced.parentDefinitionJson;
        trial.stageJson = StageFormat.json(stage);
        trial.parentRuns = replaced == null ? parentRuns : replaced.parentRuns;
        state.trial = trial;
        state.lastBaseline = trial.parentRuns;
    }

    private void judge(PipelineState state, String pipeline, Instant at, List<SynthesisOutput> out) {
        Trial trial = state.trial;
        if (trial.parentRuns.runs() < settings.harm().minParentRuns()) {
            return;
        }
        HarmTest.Verdict verdict = trial.test.verdict(settings.harm());
        if (verdict == HarmTest.Verdict.PENDING || verdict == HarmTest.Verdict.HARMFUL && carriesNeed(state, trial, at)) {
            return;
        }
        state.trial = null;
        Map<String, Double> evidence = trial.test.evidence(trial.parentRuns);
        Map<String, Double> bounds = Map.of("slowdown", settings.harm().slowdown(),
                "extraFailures", settings.harm().extraFailures(), "waste", settings.harm().waste(),
                "upper", settings.harm().upperBound(), "lower", settings.harm().lowerBound());
        if (verdict == HarmTest.Verdict.HARMLESS) {
            out.add(new Logged(pipeline, Kind.KEPT, trial.stageType, trial.version, new Reason(MADE_BY, evidence,
                    bounds, "no harm against version " + trial.parent + " after " + trial.test.candidateRuns()
                    + " runs"), at));
            return;
        }
        rollback(state, pipeline, trial, new Reason("harm-test", evidence, bounds, harmExplanation(trial, evidence)),
                at, out);
    }

    /**
     * A harmful stage that is in force while the need it was made for is present is rolled back once the
     * need clears: the capacity it brings is what the service is running on, and its harm is pipeline time.
     */
    private boolean carriesNeed(PipelineState state, Trial trial, Instant at) {
        return settings.rules().stream().anyMatch(r -> r.trigger() == Trigger.RATIO
                && r.stageType().equals(trial.stageType) && state.needHigh.getOrDefault(r.stageType(), false)
                && active(state, r, at));
    }

    private static String harmExplanation(Trial trial, Map<String, Double> e) {
        return String.format(Locale.ROOT, "version %d (%s) hurts against version %d after %d runs: mean %.0f s vs"
                        + " %.0f s, failures %.2f vs %.2f, cost %.3g vs %.3g; log-likelihood ratios slower %.2f,"
                        + " failing %.2f, wasteful %.2f", trial.version, trial.stageName, trial.parent,
                e.get("runs").longValue(), e.get("meanDurationS"), e.get("parentMeanDurationS"), e.get("failureRate"),
                e.get("parentFailureRate"), e.get("meanCost"), e.get("parentMeanCost"), e.get("llrSlower"),
                e.get("llrFailing"), e.get("llrWasteful"));
    }

    private void rollback(PipelineState state, String pipeline, Trial trial, Reason reason, Instant at,
                          List<SynthesisOutput> out) {
        RunStats parentRuns = trial.parentRuns;
        int version = newVersion(state, PipelineDefinition.fromJson(trial.parentDefinitionJson), "rollback",
                reason.explanation(), at, out);
        state.currentRuns = parentRuns;
        state.activeUntil.remove(trial.stageName);
        state.cooldownUntil.put(trial.stageName, at.plus(settings.cooldown()).toEpochMilli());
        out.add(command(state, pipeline, Operation.ROLLBACK, trial.stageType, trial.stageName, version, trial.version,
                StageFormat.readJson(trial.stageJson), reason, at));
        out.add(new Logged(pipeline, Kind.ROLLED_BACK, trial.stageType, version, reason, at));
    }

    /** @param parent the version the command's version was made from (for a rollback: the harmful one) */
    private static StageCommand command(PipelineState state, String pipeline, Operation operation, String stageType,
                                        String name, int version, int parent, JsonNode stage, Reason reason,
                                        Instant at) {
        return new StageCommand(pipeline, operation, stageType, name, version, parent,
                PipelineDefinition.fromJson(state.definitionJson).contentHash(), StageFormat.json(stage),
                StageFormat.yaml(stage), reason, at);
    }

    private int newVersion(PipelineState state, PipelineDefinition next, String madeBy, String reason, Instant at,
                           List<SynthesisOutput> out) {
        String before = state.definitionJson == null ? "" : PipelineDefinition.fromJson(state.definitionJson).yaml();
        int parent = state.version;
        int version = ++state.lastVersion;
        state.version = version;
        state.definitionJson = next.json();
        if (!"rollback".equals(madeBy)) {
            state.currentRuns = new RunStats();
        }
        out.add(new SynthesisOutput.Version(next.pipeline(), version, parent, next.contentHash(), next.json(),
                next.yaml(), LineDiff.of(before, next.yaml()), madeBy, reason, at));
        return version;
    }

    /** Why a rule may not synthesize its stage now. */
    public enum Blocker { NONE, OWN_TRIAL, OTHER_TRIAL, AWAITING_NEED, IN_FORCE, COOLDOWN }

    /**
     * A stage is not synthesized again while it is on trial, waiting for its need, in force or cooling down
     * after a rollback. While another stage is on trial only a ratio rule (a load ramp: it cannot wait) may
     * supersede it; the others wait for the verdict, so each trial sees its own stage's effect alone.
     */
    public Blocker blocker(PipelineState state, String stageType, Instant at) {
        return settings.rules().stream().filter(r -> r.stageType().equals(stageType)).findFirst()
                .map(rule -> blocker(state, rule, at)).orElse(Blocker.NONE);
    }

    private Blocker blocker(PipelineState state, NeedRule rule, Instant at) {
        String name = stageName(rule);
        // a stage whose window ends before a successor could be provisioned is due for renewal
        if (active(state, rule, at.plus(rule.provisioning()))) {
            return Blocker.IN_FORCE;
        }
        if (state.trial != null && state.trial.stageName.equals(name)) {
            return Blocker.OWN_TRIAL;
        }
        if (state.trial != null && rule.trigger() != Trigger.RATIO) {
            return Blocker.OTHER_TRIAL;
        }
        if (state.episodes.containsKey(rule.stageType())) {
            return Blocker.AWAITING_NEED;
        }
        return state.cooldownUntil.getOrDefault(name, Long.MIN_VALUE) > at.toEpochMilli() ? Blocker.COOLDOWN
                : Blocker.NONE;
    }

    /**
     * A load ramp cannot wait: when the need itself (not just the bandit's trigger) is forecast within the
     * lead time and the stage is not in force, the cooldown after a rollback, its own open trial or an
     * episode left open by a rollback do not hold it back. Those guard against flapping on a speculative
     * need; a ramp met with no capacity costs the service, a harmful stage only costs pipeline time and
     * faces the same sequential test again.
     */
    private static boolean overrides(NeedRule rule, Blocker blocker, NeedForecast forecast) {
        return rule.trigger() == Trigger.RATIO && forecast.value() >= rule.needLevel()
                && (blocker == Blocker.COOLDOWN || blocker == Blocker.OWN_TRIAL || blocker == Blocker.AWAITING_NEED);
    }

    private boolean pending(PipelineState state, NeedRule rule, Instant at) {
        return blocker(state, rule, at) != Blocker.NONE;
    }

    private boolean active(PipelineState state, NeedRule rule, Instant at) {
        return state.activeUntil.getOrDefault(stageName(rule), Long.MIN_VALUE) > at.toEpochMilli();
    }

    private String stageName(NeedRule rule) {
        return templates.apply(rule.templateId()).map(t -> t.stages().get(0).path("name").asText())
                .orElse(rule.templateId());
    }

    private Arm arm(PipelineState state, NeedRule rule) {
        return rule.arms().get(banditOf(state, rule).current());
    }

    private static ThresholdBandit banditOf(PipelineState state, NeedRule rule) {
        int arms = rule.arms().size();
        ThresholdBandit tuner = state.bandits.get(rule.stageType());
        if (tuner == null || !tuner.fits(arms)) {
            tuner = new ThresholdBandit(arms);
            state.bandits.put(rule.stageType(), tuner);
        }
        return tuner;
    }

    /**
     * Logs a TUNED decision: always for an outcome of the policy's own stage ({@code reward} not null), and
     * for a counterfactual outcome only when it moved the arm.
     *
     * @param before the arm the outcome is about (the one in use when the stage was synthesized)
     */
    private void tuned(PipelineState state, String pipeline, NeedRule rule, int before, Double reward, String why,
                       Instant at, List<SynthesisOutput> out) {
        ThresholdBandit tuner = banditOf(state, rule);
        if (reward == null && tuner.current() == before) {
            return;
        }
        Arm from = rule.arms().get(before);
        Arm to = rule.arms().get(tuner.current());
        Map<String, Double> inputs = new LinkedHashMap<>();
        if (reward != null) {
            inputs.put("reward", reward);
        }
        inputs.put("outcomes", (double) tuner.totalOutcomes());
        for (int i = 0; i < rule.arms().size(); i++) {
            inputs.put("total" + i, tuner.total(i));
        }
        Map<String, Double> thresholds = new LinkedHashMap<>();
        thresholds.put("multiplierBefore", from.multiplier());
        thresholds.put("leadTimeMinutesBefore", (double) from.leadTime().toMinutes());
        thresholds.put("multiplier", to.multiplier());
        thresholds.put("leadTimeMinutes", (double) to.leadTime().toMinutes());
        thresholds.put("trigger", to.multiplier() * rule.needLevel());
        out.add(new Logged(pipeline, Kind.TUNED, rule.stageType(), state.version, new Reason("follow-the-leader",
                inputs, thresholds, String.format(Locale.ROOT, "%s%s; trigger %.2f x need with %d min lead -> %.2f x"
                        + " with %d min (the arm with the largest counterfactual reward)", why, reward == null ? ""
                        : String.format(Locale.ROOT, ": reward %.2f", reward), from.multiplier(),
                from.leadTime().toMinutes(), to.multiplier(), to.leadTime().toMinutes())), at));
    }

    private void bottleneck(PipelineState state, String pipeline, Instant at, List<SynthesisOutput> out) {
        PipelineDefinition current = PipelineDefinition.fromJson(state.definitionJson);
        CriticalPath path = CriticalPath.of(current, state.stageSeconds);
        if (path.stages().isEmpty()) {
            return;
        }
        String slowest = path.slowest();
        double seconds = state.stageSeconds.getOrDefault(slowest, 0.0);
        Map<String, Double> inputs = new LinkedHashMap<>();
        path.stages().forEach(s -> inputs.put(s, state.stageSeconds.getOrDefault(s, 0.0)));
        inputs.put("criticalPathSeconds", path.seconds());
        out.add(new Logged(pipeline, Kind.BOTTLENECK, current.stage(slowest).map(s -> s.path("type").asText())
                .orElse(""), state.version, new Reason("critical-path", inputs, Map.of("shardAboveSeconds",
                (double) settings.shardAbove().toSeconds()), String.format(Locale.ROOT,
                "critical path %s takes %.0f s; slowest stage %s at %.0f s", String.join(" -> ", path.stages()),
                path.seconds(), slowest, seconds)), at));
        remedy(state, pipeline, current, slowest, seconds, at, out);
    }

    /** A slow test stage on the critical path is split into shards, through the same trial as any stage. */
    private void remedy(PipelineState state, String pipeline, PipelineDefinition current, String slowest,
                        double seconds, Instant at, List<SynthesisOutput> out) {
        Optional<StageTemplate> shards = templates.apply("test-shards");
        boolean isTest = current.stage(slowest).map(s -> "test".equals(s.path("type").asText())).orElse(false);
        if (shards.isEmpty() || !isTest || state.trial != null || seconds < settings.shardAbove().toSeconds()
                || !shards.get().stages().get(0).path("name").asText().equals(slowest)
                || state.cooldownUntil.getOrDefault(slowest, Long.MIN_VALUE) > at.toEpochMilli()) {
            return;
        }
        double count = Math.ceil(seconds / settings.shardTarget().toSeconds());
        NeedRule rule = new NeedRule("test", "test-shards", Trigger.ANOMALY, List.of(), 0, Duration.ZERO,
                "shards", 0, Duration.ZERO, Duration.ZERO, List.of(), List.of());
        Reason reason = new Reason("bottleneck-remedy", Map.of("stageSeconds", seconds, "shards", count),
                Map.of("shardTargetSeconds", (double) settings.shardTarget().toSeconds()), String.format(Locale.ROOT,
                "%s is the slowest stage on the critical path at %.0f s: split into %d shards", slowest, seconds,
                (long) count));
        synthesize(state, pipeline, rule, Map.of("shards", count), reason, at, -1, out);
    }

    private static long minutes(long millis) {
        return Math.round(millis / 60_000.0);
    }
}
