package org.chemotaxis.runtime;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import org.chemotaxis.train.EarlyStoppingRule;

/**
 * Judges the validation loss of every epoch through a pure {@link EarlyStoppingRule} and tells
 * the coordinator whether the epoch is the best so far and whether to stop. It keeps no memory of
 * its own: the rule's state belongs to {@link org.chemotaxis.train.Training} (it is checkpointed
 * there) and travels with each question.
 */
public final class EarlyStopping {

    public sealed interface Command {
    }

    public record Observe(long epoch, double validationLoss, EarlyStoppingRule.State state,
                          ActorRef<EarlyStoppingRule.Verdict> replyTo)
            implements Command {
    }

    private EarlyStopping() {
    }

    public static Behavior<Command> create(EarlyStoppingRule rule) {
        return Behaviors.receive(Command.class)
                .onMessage(Observe.class, o -> {
                    o.replyTo().tell(rule.observe(o.state(), o.epoch(), o.validationLoss()));
                    return Behaviors.same();
                })
                .build();
    }
}
