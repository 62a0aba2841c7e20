// Synthesizes every example under examples/ into examples/dist/ (filled in as examples land).
console.log('no examples yet');
