$title Rolling horizon
$if not set days $set days 7
Set t 'hours' / h1*h%horizon% /;
Scalar d 'days' / %days% /;
Display d;
