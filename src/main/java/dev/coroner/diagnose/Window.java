package dev.coroner.diagnose;

/** An incident as conditions see it: the phase before, the episode, the phase after, everything. */
record Window(Phase before, Phase episode, Phase after, Phase all) implements Condition.Context {
  @Override
  public SignalTally get(Scope scope, String signal) {
    return switch (scope) {
      case BEFORE -> before.bySignal.get(signal);
      case EPISODE -> episode.bySignal.get(signal);
      case AFTER -> after.bySignal.get(signal);
      case ALL -> all.bySignal.get(signal);
      case WINDOW -> merged(signal);
    };
  }

  private SignalTally merged(String signal) {
    SignalTally out = null;
    for (Phase p : new Phase[] {before, episode, after}) {
      SignalTally o = p.bySignal.get(signal);
      if (o != null) {
        if (out == null) {
          out = new SignalTally();
        }
        out.addAll(o);
      }
    }
    return out;
  }
}
