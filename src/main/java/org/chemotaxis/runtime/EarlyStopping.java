package org.chemotaxis.runtime;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import org.chemotaxis.train.EarlyStoppingRule;

/**
 * Watches the validation loss of every epoch through a pure {@link EarlyStoppingRule} and tells
 * the coordinator whether the epoch is the best so far and whether to stop.
 */
public final class EarlyStopping {

    public sealed interface Command {
    }

    public record Observe(long epoch, double validationLoss, ActorRef<EarlyStoppingRule.Verdict> replyTo)
            implements Command {
    }

    private EarlyStopping() {
    }

    /** @param state the rule's memory so far (initial, or restored from a checkpoint) */
    public static Behavior<Command> create(EarlyStoppingRule rule, EarlyStoppingRule.State state) {
        return Behaviors.receive(Command.class)
                .onMessage(Observe.class, o -> {
                    EarlyStoppingRule.Verdict v = rule.observe(state, o.epoch(), o.validationLoss());
                    o.replyTo().tell(v);
                    return create(rule, v.state());
                })
                .build();
    }
}
