package org.chemotaxis.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.chemotaxis.config.BadInputException;
import org.chemotaxis.config.ConfigLoader;
import org.chemotaxis.config.ControllerConfig;
import org.chemotaxis.config.ExperimentConfig;
import org.chemotaxis.config.WorldSectionConfig;
import org.chemotaxis.worm.NetworkSpec;
import org.chemotaxis.worm.WorldConfig;
import org.junit.jupiter.api.Test;

/** The chemotaxis world's rules, reported through the loader like the config's own: key, message, line. */
class ChemotaxisRulesTest {

    private static String fails(String yaml) {
        return assertThrows(BadInputException.class, () -> Configs.parse(yaml, "x.yml")).getMessage();
    }

    private static void assertContains(String message, String... parts) {
        for (String p : parts) {
            assertTrue(message.contains(p), "expected '" + p + "' in: " + message);
        }
    }

    @Test
    void specsAndInputsAreCheckedWithTheirKeyAndLine() {
        assertContains(fails("world:\n  field: gauss:lambda=-1\n"),
                "world.field: bad field spec 'gauss:lambda=-1': lambda must be > 0, but was -1", "line 2");
        assertContains(fails("world:\n  field: blob\n"), "world.field", "unknown field kind 'blob'");
        assertContains(fails("world:\n  field: [gauss, 'gauss:lambda=0']\n"),
                "world.field[1]: bad field spec 'gauss:lambda=0': lambda must be > 0", "line 2");
        assertContains(fails("world:\n  arena: disk:radius=0\n"),
                "world.arena: bad arena spec 'disk:radius=0': radius must be > 0", "line 2");
        assertContains(fails("controller:\n  inputs: [logc, smell]\n"),
                "controller.inputs: unknown input 'smell'; accepted: c, logc, dlogc, sin, cos", "line 2");
        assertContains(fails("controller:\n  inputs: [sin, SIN]\n"), "controller.inputs names 'sin' twice");
        assertContains(fails("controller:\n  control_dt: 0.15\n"),
                "controller.control_dt must be a whole multiple of world.dt (0.1), but was 0.15", "line 2");
        assertContains(fails("world:\n  dt: 0.005\ncontroller:\n  control_dt: 0.015\n"),
                "controller.control_dt must be a whole multiple of the evaluation step 0.01 s, but was 0.015", "line 4");
        assertContains(fails("controller:\n  inputs: [logc, sin]\n  adapt_tau: 20\n"),
                "controller.adapt_tau adapts the dlogc input, which controller.inputs does not name", "line 3");
    }

    @Test
    void overridesAreCheckedToo() {
        String m = assertThrows(BadInputException.class,
                () -> Configs.parse("name: x\n", "x.yml", List.of("world.field=cone:slope=1"))).getMessage();
        assertContains(m, "world.field", "--set world.field=cone:slope=1");
    }

    @Test
    void theConfigAloneLeavesTheSpecsToTheDomain() {
        // config/ knows no field kinds; only with the domain's rules is 'blob' an error
        assertEquals("blob", ConfigLoader.parse("world:\n  field: blob\n", "x.yml").world().field().first());
        assertTrue(Configs.DOMAIN_RULES.problems(ExperimentConfig.defaults()).isEmpty());
    }

    @Test
    void theConfigDefaultsAreTheWorldsDefaults() {
        NetworkSpec n = NetworkSpec.defaults();
        ControllerConfig c = ControllerConfig.defaults();
        assertEquals(n.inputs().stream().map(NetworkSpec.Input::key).toList(), c.inputs());
        assertEquals(n.pirouetteOutput(), c.pirouetteOutput());
        assertEquals(n.maxTurnRate(), c.maxTurnRate());
        assertEquals(n.maxPirouetteRate(), c.maxPirouetteRate());
        assertEquals(n.controlDt(), c.controlDt());
        assertEquals(n.derivativeScale(), c.derivativeScale());
        assertEquals(n.sensorTau(), c.sensorTau());
        assertEquals(n.adaptTau(), c.adaptTau());
        assertEquals(WorldConfig.START_DISTANCE, WorldSectionConfig.defaults().startDistance());
    }
}
