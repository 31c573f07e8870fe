package com.cloudalbum.deploy.aws;

import java.util.Optional;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationLoadBalancer;
import software.amazon.awscdk.services.elasticloadbalancingv2.HttpCodeElb;
import software.amazon.awscdk.services.elasticloadbalancingv2.HttpCodeTarget;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/** What an operator is paged for, all on one SNS topic. */
final class Alarms extends Construct {

    final Topic topic;

    Alarms(Construct scope, String id, Optional<String> email) {
        super(scope, id);
        topic = Topic.Builder.create(this, "Topic").displayName("CloudAlbum alarms").enforceSsl(true).build();
        email.ifPresent(address -> topic.addSubscription(new EmailSubscription(address)));
    }

    /** Any message in the dead-letter queue is a photo without thumbnails that retries did not fix. */
    Alarm deadLetters(Queue deadLetterQueue) {
        return alarm("ThumbnailDeadLetters", "Thumbnail events in the dead-letter queue: photos left without renditions",
                deadLetterQueue.metricApproximateNumberOfMessagesVisible(perMinute("Maximum")), 0, 1);
    }

    /** The oldest waiting event bounds how late thumbnails are; scaling should keep it well under 5 minutes. */
    void thumbnailLag(Queue queue) {
        alarm("ThumbnailLag", "Oldest thumbnail event waited over 5 minutes for 5 minutes",
                queue.metricApproximateAgeOfOldestMessage(perMinute("Maximum")), 300, 5);
    }

    /** 5xx from the gateway's tasks, and from the load balancer itself (no healthy target, timeouts). */
    /** Returns the gateway's: every request passes it, so a deploy of any HTTP service that breaks requests shows there. */
    Alarm serverErrors(ApplicationLoadBalancer alb) {
        Alarm gateway = alarm("Gateway5xx", "Gateway answered more than 10 5xx responses a minute for 3 minutes",
                alb.getMetrics().httpCodeTarget(HttpCodeTarget.TARGET_5XX_COUNT, perMinute("Sum")), 10, 3);
        alarm("LoadBalancer5xx", "Load balancer answered more than 10 5xx responses a minute for 3 minutes",
                alb.getMetrics().httpCodeElb(HttpCodeElb.ELB_5XX_COUNT, perMinute("Sum")), 10, 3);
        return gateway;
    }

    private Alarm alarm(String id, String description, IMetric metric, double threshold, int minutes) {
        Alarm alarm = Alarm.Builder.create(this, id)
                .alarmDescription(description)
                .metric(metric)
                .threshold(threshold)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .evaluationPeriods(minutes)
                .datapointsToAlarm(minutes)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        alarm.addAlarmAction(new SnsAction(topic));
        alarm.addOkAction(new SnsAction(topic));
        return alarm;
    }

    private static MetricOptions perMinute(String statistic) {
        return MetricOptions.builder().period(Duration.minutes(1)).statistic(statistic).build();
    }
}
