Set t 'hours' / h1*h4 /;
Parameter net(t) 'net load in kW' / h1 3.5, h2 1.2, h3 -0.4, h4 2.0 /;
Parameter lognet(t);
lognet(t) = log(net(t));
Display lognet;
