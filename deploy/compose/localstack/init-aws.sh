#!/bin/bash
# LocalStack ready hook: what deploy/local-stack's StackDefinition provisions, with the AWS stack's
# S3 → SQS notification (created originals only). LocalStack starts empty, so this runs on every start.
set -euo pipefail

awslocal dynamodb create-table --table-name User --billing-mode PAY_PER_REQUEST \
  --attribute-definitions AttributeName=id,AttributeType=S AttributeName=email,AttributeType=S \
  --key-schema AttributeName=id,KeyType=HASH \
  --global-secondary-indexes 'IndexName=user-email-index,KeySchema=[{AttributeName=email,KeyType=HASH}],Projection={ProjectionType=ALL}' \
  >/dev/null

awslocal dynamodb create-table --table-name Photo --billing-mode PAY_PER_REQUEST \
  --attribute-definitions AttributeName=user_id,AttributeType=S AttributeName=id,AttributeType=S AttributeName=geo_user_id,AttributeType=S \
  --key-schema AttributeName=user_id,KeyType=HASH AttributeName=id,KeyType=RANGE \
  --global-secondary-indexes 'IndexName=photo-geo-index,KeySchema=[{AttributeName=geo_user_id,KeyType=HASH},{AttributeName=id,KeyType=RANGE}],Projection={ProjectionType=ALL}' \
  >/dev/null

awslocal s3api create-bucket --bucket cloudalbum-photos >/dev/null

dlq_url=$(awslocal sqs create-queue --queue-name cloudalbum-thumbnails-dlq --query QueueUrl --output text)
dlq_arn=$(awslocal sqs get-queue-attributes --queue-url "$dlq_url" --attribute-names QueueArn --query Attributes.QueueArn --output text)
cat > /tmp/queue-attributes.json <<JSON
{"VisibilityTimeout": "60", "ReceiveMessageWaitTimeSeconds": "20",
 "RedrivePolicy": "{\"deadLetterTargetArn\":\"$dlq_arn\",\"maxReceiveCount\":\"5\"}"}
JSON
queue_url=$(awslocal sqs create-queue --queue-name cloudalbum-thumbnails \
  --attributes file:///tmp/queue-attributes.json --query QueueUrl --output text)
queue_arn=$(awslocal sqs get-queue-attributes --queue-url "$queue_url" --attribute-names QueueArn --query Attributes.QueueArn --output text)

cat > /tmp/notification.json <<JSON
{"QueueConfigurations": [{
  "QueueArn": "$queue_arn",
  "Events": ["s3:ObjectCreated:*"],
  "Filter": {"Key": {"FilterRules": [{"Name": "prefix", "Value": "photos/"}, {"Name": "suffix", "Value": "/original"}]}}
}]}
JSON
awslocal s3api put-bucket-notification-configuration --bucket cloudalbum-photos \
  --notification-configuration file:///tmp/notification.json

touch /tmp/cloudalbum-provisioned
echo "cloudalbum: tables, bucket, queues and notification ready"
