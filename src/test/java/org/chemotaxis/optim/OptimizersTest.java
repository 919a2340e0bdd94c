package org.chemotaxis.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class OptimizersTest {

    @Test
    void createsEachTypeByName() {
        OptimizerSettings s = OptimizerSettings.defaults();
        assertInstanceOf(Sgd.class, Optimizers.create("sgd", 4, s));
        assertInstanceOf(Momentum.class, Optimizers.create("momentum", 4, s));
        assertInstanceOf(Nesterov.class, Optimizers.create("nesterov", 4, s));
        assertInstanceOf(RmsProp.class, Optimizers.create("rmsprop", 4, s));
        assertInstanceOf(Adam.class, Optimizers.create("adam", 4, s));
        assertInstanceOf(ClipUp.class, Optimizers.create("clipup", 4, s));
        for (String type : Optimizers.TYPES) {
            Optimizer o = Optimizers.create(type, 4, s);
            assertEquals(type, o.name());
            assertEquals(0, o.steps());
            assertEquals(type, o.exportState().type());
        }
    }

    @Test
    void unknownTypeNamesTheAcceptedValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Optimizers.create("foo", 4, OptimizerSettings.defaults()));
        assertEquals("optimizer.type must be one of sgd, momentum, nesterov, rmsprop, adam, clipup, but was 'foo'",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Optimizers.create("Adam", 4, OptimizerSettings.defaults()));
        assertThrows(IllegalArgumentException.class, () -> Optimizers.create(null, 4, OptimizerSettings.defaults()));
    }

    @Test
    void factoryPassesTheSettingsThrough() {
        // With momentum 0.5 the second step of "momentum" uses v2 = 0.5 g + g = 1.5 g.
        Optimizer o = Optimizers.create("momentum", 1, OptimizerSettings.defaults().withMomentum(0.5));
        double[] theta = {0.0};
        o.step(theta, new double[] {1.0}, 1.0);
        o.step(theta, new double[] {1.0}, 1.0);
        assertEquals(-2.5, theta[0], 0.0);
        // Weight decay reaches sgd: g' = 1 + 0.5 * 2 = 2.
        Optimizer sgd = Optimizers.create("sgd", 1, OptimizerSettings.defaults().withWeightDecay(0.5));
        double[] t = {2.0};
        sgd.step(t, new double[] {1.0}, 1.0);
        assertEquals(0.0, t[0], 0.0);
    }

    @Test
    void defaultsAreThePyTorchOnes() {
        OptimizerSettings d = OptimizerSettings.defaults();
        assertEquals(0.9, d.momentum());
        assertEquals(0.9, d.beta1());
        assertEquals(0.999, d.beta2());
        assertEquals(1e-8, d.eps());
        assertEquals(0.99, d.rho());
        assertEquals(0.0, d.weightDecay());
    }

    @Test
    void invalidSettingsAreRejectedWithKeyAndValue() {
        OptimizerSettings d = OptimizerSettings.defaults();
        assertMessage("beta1 must be in [0, 1), but was 1.0 (optimizer.beta1)", () -> d.withBeta1(1.0));
        assertMessage("beta2 must be in [0, 1), but was -0.1 (optimizer.beta2)", () -> d.withBeta2(-0.1));
        assertMessage("momentum must be in [0, 1), but was NaN (optimizer.momentum)", () -> d.withMomentum(Double.NaN));
        assertMessage("rho must be in [0, 1), but was 1.5 (optimizer.rho)", () -> d.withRho(1.5));
        assertMessage("eps must be finite and > 0, but was 0.0 (optimizer.eps)", () -> d.withEps(0.0));
        assertMessage("eps must be finite and > 0, but was Infinity (optimizer.eps)",
                () -> d.withEps(Double.POSITIVE_INFINITY));
        assertMessage("weightDecay must be finite and >= 0, but was -0.01 (optimizer.weightDecay)",
                () -> d.withWeightDecay(-0.01));
        assertMessage("weightDecay must be finite and >= 0, but was NaN (optimizer.weightDecay)",
                () -> d.withWeightDecay(Double.NaN));
    }

    @Test
    void constructorsValidateToo() {
        assertMessage("parameterCount must be > 0, but was 0", () -> new Sgd(0));
        assertMessage("beta2 must be in [0, 1), but was 1.0 (optimizer.beta2)", () -> new Adam(3, 0.9, 1.0, 1e-8));
        assertMessage("eps must be finite and > 0, but was -1.0E-8 (optimizer.eps)", () -> new RmsProp(3, 0.9, -1e-8));
        assertMessage("momentum must be in [0, 1), but was 1.0 (optimizer.momentum)", () -> new Nesterov(3, 1.0));
    }

    @Test
    void stepRejectsBadArguments() {
        Optimizer o = new Adam(3, 0.9, 0.999, 1e-8);
        double[] theta = new double[3];
        assertMessage("adam expects 3 parameters, but theta has 3 and grad 2", () -> o.step(theta, new double[2], 0.1));
        assertMessage("theta and grad must not be the same array", () -> o.step(theta, theta, 0.1));
        assertMessage("lr must be finite and >= 0, but was NaN", () -> o.step(theta, new double[3], Double.NaN));
        assertMessage("lr must be finite and >= 0, but was -0.1", () -> o.step(theta, new double[3], -0.1));
        assertEquals(0, o.steps());
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(expected, e.getMessage());
    }
}
