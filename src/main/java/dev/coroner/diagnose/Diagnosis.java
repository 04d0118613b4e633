package dev.coroner.diagnose;

import dev.coroner.timeline.InputFile;
import java.util.List;

/**
 * Everything {@code coroner diagnose} found in a folder.
 *
 * @param inputs the logs read
 * @param incidents in time order
 * @param verdict the state the system ended in
 * @param story what happened, condensed, in time order
 * @param storyOmitted story lines left out to keep the report readable
 * @param spans the picture's bars
 * @param notes what could not be settled (ordering, missing logs)
 * @param warnings problems with the input
 * @param start the first exact time of the folder (or NO_TIME)
 * @param end the last exact time of the folder (or NO_TIME)
 * @param unread what coroner could not read: records no signal explains that matter, as templates
 * @param unreadDropped records of that kind left out when the template list was full
 */
public record Diagnosis(List<InputFile> inputs, List<Incident> incidents, Verdict verdict, List<StoryLine> story,
    long storyOmitted, List<Span> spans, List<String> notes, List<String> warnings, long start, long end,
    List<Unread.Template> unread, long unreadDropped) {}
