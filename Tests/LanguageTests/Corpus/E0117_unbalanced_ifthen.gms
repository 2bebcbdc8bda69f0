* A $ifThen block whose $endIf is missing, and a second $else in another block.
$set mode fast
$ifThen set mode
Scalar a / 1 /;
$else
Scalar a / 2 /;
$else
$endIf
$ifThen %mode% == fast
Scalar steps / 24 /;
display steps;
